import type { OidcSettings } from './oidc-settings.ts';

/** Session and login-limit settings; the defaults suit an operator console left open on a shift. */
export interface AuthConfig {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** last_seen_at is written at most this often per session, to keep reads cheap. */
  touchEveryMs: number;
  loginWindowMs: number;
  /** Failed sign-ins per (account, client address) in the window: the limit a guesser meets first. */
  maxFailuresPerAccountAddress: number;
  /** Backstop across all addresses, far above the per-pair limit so one guesser cannot lock an account for everyone. */
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  /** Serve cookies with Secure and the __Host- prefix (behind HTTPS). */
  secureCookies: boolean;
  /** Peers whose X-Forwarded-For is believed; empty = use the socket address only. */
  trustedProxies: string[];
  /** Password sign-in (WATCHFLOOR_LOCAL_LOGIN); off, only single sign-on remains. */
  localLogin: boolean;
  /** Single sign-on (WATCHFLOOR_OIDC_*); absent, it is off. */
  oidc?: OidcSettings;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  idleTimeoutMs: 2 * 3_600_000,
  absoluteTimeoutMs: 12 * 3_600_000,
  touchEveryMs: 60_000,
  loginWindowMs: 15 * 60_000,
  maxFailuresPerAccountAddress: 5,
  maxFailuresPerAccount: 100,
  maxFailuresPerAddress: 20,
  secureCookies: false,
  trustedProxies: [],
  localLogin: true,
};

export function sessionCookieName(config: AuthConfig): string {
  return config.secureCookies ? '__Host-wf_session' : 'wf_session';
}

/** The session cookie, the same whichever way the user signed in. */
export function sessionCookieOptions(config: AuthConfig) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.floor(config.absoluteTimeoutMs / 1000),
  };
}
