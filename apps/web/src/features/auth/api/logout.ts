import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { postJson } from '../../../lib/api-client.ts';

const LogoutResponseSchema = z.object({ data: z.object({ signedOut: z.literal(true) }) });

export async function logout(): Promise<void> {
  await postJson('/api/v1/auth/logout', {}, LogoutResponseSchema);
}

/** Signs out and forgets everything cached for the previous user. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: logout, onSettled: () => queryClient.clear() });
}
