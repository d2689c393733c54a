import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { AuthConfigSchema, type AuthConfig } from '@watchfloor/shared/auth';
import { getJson } from '../../../lib/api-client.ts';

const AuthConfigResponseSchema = z.object({ data: AuthConfigSchema });

export async function getAuthConfig(signal?: AbortSignal): Promise<AuthConfig> {
  return (await getJson('/api/v1/auth/config', AuthConfigResponseSchema, { signal })).data;
}

export function getAuthConfigQueryOptions() {
  return queryOptions({
    queryKey: ['auth-config'] as const,
    queryFn: ({ signal }) => getAuthConfig(signal),
    staleTime: Infinity,
    retry: 1,
  });
}

export function useAuthConfig() {
  return useQuery(getAuthConfigQueryOptions());
}
