import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from './session';
import { ErrorNotice, Loading } from '../ui/Feedback';

/** Shows its routes to a signed-in user; sends others to setup or sign-in. */
export function RequireSignedIn() {
  const { state, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <Loading label="Opening Brook…" />;
  if (error || !state) {
    return (
      <div className="page page-narrow">
        <ErrorNotice title="Brook cannot be reached" error={error} onRetry={() => window.location.reload()} />
      </div>
    );
  }
  if (state.needsSetup) return <Navigate to="/setup" replace />;
  if (!state.user) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

export function WhenSessionKnown() {
  const { loading } = useSession();
  if (loading) return <Loading label="Opening Brook…" />;
  return <Outlet />;
}
