import { useNavigate, useSearchParams } from 'react-router';
import { LoginPage } from '../../features/auth/components/login-page.tsx';
import { safeNext } from '../../lib/paths.ts';

/** `/login?next=…`: signs in, then returns to the page that needed it. */
export function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  return <LoginPage onSignedIn={() => void navigate(next, { replace: true })} />;
}
