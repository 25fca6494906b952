import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { TopBar } from './TopBar';

export function Layout() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstPage = useRef(true);

  // After moving to another page, focus that was on a link or menu item of the old page is
  // lost (on <body>): it starts again at the new page's content, not at the top of the
  // document. A page that placed the focus itself (a connection to verify) keeps it.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    if (document.activeElement === null || document.activeElement === document.body) main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
