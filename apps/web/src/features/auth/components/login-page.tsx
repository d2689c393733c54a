import { useState, type FormEvent } from 'react';
import { useLogin } from '../api/login.ts';

/** Sign-in form; `onSignedIn` decides where to go next so the route keeps control of URLs. */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const loginMutation = useLogin();
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
      </form>
    </div>
  );
}
