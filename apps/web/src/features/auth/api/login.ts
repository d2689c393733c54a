import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, Me } from '@watchfloor/shared/auth';
import { postJson } from '../../../lib/api-client.ts';
import { ME_QUERY_KEY, MeResponseSchema } from './get-me.ts';

export async function login(credentials: LoginRequest): Promise<Me> {
  return (await postJson('/api/v1/auth/login', credentials, MeResponseSchema)).data;
}

/** Signs in, then drops every cached answer: what was refused a moment ago may now be allowed. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
