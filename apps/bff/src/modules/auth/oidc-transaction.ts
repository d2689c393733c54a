import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../../http/app-env.ts';
import { AppError } from '../../http/app-error.ts';

/**
 * What the callback must match, kept between the two legs of a sign-in in a signed, HttpOnly
 * cookie scoped to the OIDC routes: nothing is stored server-side, so any instance can finish a
 * sign-in another one started.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch ms after which the callback is refused, whatever the browser kept. */
  expiresAt: number;
}

const TransactionSchema = z.strictObject({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  expiresAt: z.number().int(),
});

export const TRANSACTION_TTL_MS = 10 * 60_000;
const PATH = '/api/v1/auth/oidc';
const cookieName = (secure: boolean) => (secure ? '__Secure-wf_oidc' : 'wf_oidc');

export async function keepTransaction(
  c: Context<AppEnv>,
  secret: string,
  secure: boolean,
  transaction: OidcTransaction,
): Promise<void> {
  const value = Buffer.from(JSON.stringify(transaction)).toString('base64url');
  await setSignedCookie(c, cookieName(secure), value, secret, {
    httpOnly: true,
    secure,
    sameSite: 'Lax', // the provider's redirect back is a top-level cross-site GET
    path: PATH,
    maxAge: Math.floor(TRANSACTION_TTL_MS / 1000),
  });
}

const refused = (check: string, message: string) =>
  new AppError(401, 'unauthenticated', message, { check });

/**
 * The transaction of this browser, taken (its cookie is cleared whatever follows); refused when
 * missing, tampered with or expired.
 */
export async function takeTransaction(
  c: Context<AppEnv>,
  secret: string,
  secure: boolean,
  now: number,
): Promise<OidcTransaction> {
  const name = cookieName(secure);
  const signed = await getSignedCookie(c, secret, name);
  deleteCookie(c, name, { path: PATH, secure });
  if (!signed) throw refused('transaction', 'No sign-in in progress in this browser: start again');
  let parsed: ReturnType<typeof TransactionSchema.safeParse>;
  try {
    parsed = TransactionSchema.safeParse(
      JSON.parse(Buffer.from(signed, 'base64url').toString('utf8')),
    );
  } catch {
    throw refused('transaction', 'The sign-in cookie is unreadable: start again');
  }
  if (!parsed.success)
    throw refused('transaction', 'The sign-in cookie is unreadable: start again');
  if (parsed.data.expiresAt <= now)
    throw refused('transaction', 'The sign-in took too long: start again');
  return parsed.data;
}
