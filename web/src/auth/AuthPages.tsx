import { useState, type FormEvent, type ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { authApi } from '../api/account';
import { BrookMark } from '../shell/BrookMark';
import { ErrorNotice } from '../ui/Feedback';
import { useSession } from './session';
import './auth.css';

function AuthFrame({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card card">
        <div className="auth-brand">
          <span className="auth-mark">
            <BrookMark size={34} />
          </span>
          <span>Brook</span>
        </div>
        <title>{`${title} · Brook`}</title>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        {children}
      </div>
    </main>
  );
}

/** Where to go after signing in: only paths inside the portal. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/flows';
}

export function SignInPage() {
  const { state, signedIn, user } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (state?.needsSetup) return <Navigate to="/setup" replace />;
  if (user) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    setBusy(true);
    setError(null);
    try {
      const answer = await authApi.login({ email, password });
      signedIn(answer.user, answer.csrfToken);
      void navigate(next, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? new Error('That email and password do not match an account. Check them and try again.') : caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Sign in" subtitle="Flows, runs and connections, in one place.">
      <form className="stack" onSubmit={(event) => void submit(event)}>
        {error !== null && <ErrorNotice error={error} />}
        <div className="field">
          <label htmlFor="signin-email">Email</label>
          <input id="signin-email" className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signin-password">Password</label>
          <input id="signin-password" className="input" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthFrame>
  );
}

export function SetupPage() {
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (state && !state.needsSetup) return <Navigate to="/flows" replace />;

  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    if (password !== confirm) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await authApi.setup({ name, email, password });
      signedIn(answer.user, answer.csrfToken);
      void navigate('/flows', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Welcome to Brook" subtitle="Create the administrator account. You can invite makers afterwards from Settings, Users.">
      <form className="stack" onSubmit={(event) => void submit(event)}>
        {error !== null && <ErrorNotice error={error} />}
        <div className="field">
          <label htmlFor="setup-name">Your name</label>
          <input id="setup-name" className="input" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="setup-email">Email</label>
          <input id="setup-email" className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="setup-password">Password</label>
          <input id="setup-password" className="input" type="password" autoComplete="new-password" required minLength={8} aria-describedby="setup-password-hint" value={password} onChange={(e) => setPassword(e.target.value)} />
          <span id="setup-password-hint" className="hint">At least 8 characters.</span>
        </div>
        <div className="field">
          <label htmlFor="setup-confirm">Password again</label>
          <input id="setup-confirm" className="input" type="password" autoComplete="new-password" required aria-invalid={mismatch} aria-describedby={mismatch ? 'setup-confirm-error' : undefined} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          {mismatch && (
            <span id="setup-confirm-error" className="field-error">
              The two passwords differ.
            </span>
          )}
        </div>
        <button type="submit" className="button button-primary" disabled={mismatch} aria-disabled={busy}>
          {busy ? 'Creating…' : 'Create the admin account'}
        </button>
      </form>
    </AuthFrame>
  );
}
