import { useState, type FormEvent } from 'react';
import { useAuthConfig } from '../api/get-auth-config.ts';
import { useLogin } from '../api/login.ts';

/**
 * Sign-in: single sign-on when the server offers it, the password form unless the server switched
 * local accounts off. `onSignedIn` decides where to go next so the route keeps control of URLs.
 */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const loginMutation = useLogin();
  const config = useAuthConfig();
  // Until the server says otherwise (or if it cannot say), the password form is offered.
  const sso = config.data?.sso ?? null;
  const localLogin = config.data?.localLogin ?? true;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    loginMutation.mutate({ username, password }, { onSuccess: onSignedIn });
  };

  return (
    <div className="login">
      <form className="panel login__form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Watchfloor</h1>
        {sso && (
          <a className="button button--primary" href={sso.loginUrl}>
            Sign in with {sso.providerName}
          </a>
        )}
        {localLogin && (
          <>
            <label>
              Username
              <input
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {loginMutation.isError && (
              <p role="alert" className="breach-word">
                {loginMutation.error.message}
              </p>
            )}
            <button type="submit" disabled={loginMutation.isPending}>
              {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
