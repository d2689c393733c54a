import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { MeSchema, type Me } from '@watchfloor/shared/auth';
import { getJson } from '../../../lib/api-client.ts';

export const MeResponseSchema = z.object({ data: MeSchema });

export async function getMe(signal?: AbortSignal): Promise<Me> {
  return (await getJson('/api/v1/me', MeResponseSchema, { signal })).data;
}

export const ME_QUERY_KEY = ['me'] as const;

/** The signed-in user; a 401 here is handled like any other (the app sends the user to sign in). */
export function getMeQueryOptions() {
  return queryOptions({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}
