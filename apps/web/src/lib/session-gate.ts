import { SessionAnswerSchema } from '@watchfloor/shared/auth';

/**
 * Whether this browser is signed in, learned from the public session route before the first
 * request that needs a session. Signed out, such requests are refused here, without being sent:
 * a refused (401) request is logged by the browser as a console error, and opening the app signed
 * out is not an error. The BFF still decides every request; this only avoids asking in vain.
 */
type GateState =
  | { kind: 'off' }
  | { kind: 'unknown' }
  | { kind: 'asking'; answer: Promise<boolean | null> }
  | { kind: 'known'; signedIn: boolean };

let state: GateState = { kind: 'off' };

/** Paths that answer without a session (sign-in, its configuration, the session question). */
export const isSessionFree = (path: string): boolean => path.startsWith('/api/v1/auth/');

/** Turned on by the app; off (every request sent as is) in unit tests and anywhere else. */
export function enableSessionGate(): void {
  state = { kind: 'unknown' };
}

/** After sign-in (true), sign-out (false), or a 401 that says the session ended (null: ask again). */
export function noteSession(signedIn: boolean | null): void {
  if (state.kind === 'off') return;
  state = signedIn === null ? { kind: 'unknown' } : { kind: 'known', signedIn };
}

async function askServer(): Promise<boolean | null> {
  try {
    const response = await fetch('/api/v1/auth/session', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    const parsed = SessionAnswerSchema.safeParse(await response.json());
    return response.ok && parsed.success ? parsed.data.data !== null : null;
  } catch {
    return null;
  }
}

/**
 * False only when the server said this browser is not signed in; true when signed in, and also
 * when it could not say (an old server, the network): then the request goes and speaks for itself.
 */
export async function maySendWithSession(): Promise<boolean> {
  if (state.kind === 'off') return true;
  if (state.kind === 'known') return state.signedIn;
  if (state.kind === 'unknown') {
    const answer = askServer();
    state = { kind: 'asking', answer };
    const signedIn = await answer;
    // A sign-in or sign-out that happened meanwhile knows better than this answer.
    if (state.kind === 'asking' && state.answer === answer)
      state = signedIn === null ? { kind: 'unknown' } : { kind: 'known', signedIn };
    return signedIn !== false;
  }
  return (await state.answer) !== false;
}
