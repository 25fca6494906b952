import { NavLink, Link } from 'react-router';
import { KeyRound, LogOut, Plug, Settings, Users } from 'lucide-react';
import { useSession, useUser } from '../auth/session';
import { Menu, type MenuEntry } from '../ui/Menu';
import { NotificationsBell } from './NotificationsBell';
import { BrookMark } from './BrookMark';
import './shell.css';

export function TopBar() {
  const user = useUser();
  const { signOut } = useSession();
  const entries: MenuEntry[] = [
    { kind: 'link', label: 'Connections', to: '/settings/connections', icon: <Plug size={17} aria-hidden /> },
    { kind: 'link', label: 'Profile and API tokens', to: '/settings/profile', icon: <KeyRound size={17} aria-hidden /> },
    ...(user.role === 'admin' ? [{ kind: 'link', label: 'Users', to: '/settings/users', icon: <Users size={17} aria-hidden /> } as const] : []),
    { kind: 'separator' },
    { kind: 'action', label: 'Sign out', onSelect: () => void signOut(), icon: <LogOut size={17} aria-hidden /> },
  ];
  return (
    <header className="topbar">
      <Link to="/flows" className="brand" aria-label="Brook, home">
        <BrookMark />
        <span className="brand-name">Brook</span>
      </Link>
      <nav className="topnav" aria-label="Main">
        <NavLink to="/flows">Flows</NavLink>
        <NavLink to="/runs">Runs</NavLink>
      </nav>
      <div className="topbar-tools">
        <NotificationsBell />
        <Menu
          label="Settings"
          trigger={<Settings size={21} aria-hidden />}
          entries={entries}
          heading={
            <>
              <strong>{user.name}</strong>
              <span>
                {user.email} · {user.role === 'admin' ? 'administrator' : 'maker'}
              </span>
            </>
          }
        />
      </div>
    </header>
  );
}
