import { Navigate, Route, Routes } from 'react-router';
import { RequireSignedIn, WhenSessionKnown } from './auth/Gate';
import { SetupPage, SignInPage } from './auth/AuthPages';
import { Layout } from './shell/Layout';
import { FlowsPage } from './flows/FlowsPage';
import { FlowPage } from './flows/FlowPage';
import { RunsPage } from './runs/RunsPage';
import { RunPage } from './runs/RunPage';
import { ConnectionsPage } from './connections/ConnectionsPage';
import { ProfilePage } from './settings/ProfilePage';
import { UsersPage } from './settings/UsersPage';
import { NotFoundPage } from './shell/NotFoundPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<WhenSessionKnown />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
      </Route>
      <Route element={<RequireSignedIn />}>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/flows" replace />} />
          <Route path="/flows" element={<FlowsPage />} />
          <Route path="/flows/:flowId/*" element={<FlowPage />} />
          <Route path="/runs" element={<RunsPage />} />
          <Route path="/runs/:runId" element={<RunPage />} />
          <Route path="/settings" element={<Navigate to="/settings/connections" replace />} />
          <Route path="/settings/connections" element={<ConnectionsPage />} />
          <Route path="/settings/profile" element={<ProfilePage />} />
          <Route path="/settings/users" element={<UsersPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
