import { Outlet } from 'react-router';
import { TopBar } from './TopBar';

export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
