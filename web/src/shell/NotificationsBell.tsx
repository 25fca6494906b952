import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Bell, KeyRound, Mail, PowerOff, TriangleExclamationPoint } from 'lucide-react';
import { accountKeys, notificationsApi, useNotifications } from '../api/account';
import type { Notification, NotificationKind } from '../api/types';
import { Time } from '../ui/Time';

function kindIcon(kind: NotificationKind) {
  switch (kind) {
    case 'connection-unauthenticated':
    case 'connection-expiring':
      return <KeyRound size={17} aria-hidden className="tone-bad" />;
    case 'flow-failing':
      return <TriangleExclamationPoint size={17} aria-hidden className="tone-bad" />;
    case 'flow-turned-off':
      return <PowerOff size={17} aria-hidden className="tone-warn" />;
    case 'digest':
      return <Mail size={17} aria-hidden className="tone-idle" />;
  }
}

/** The bell: unread count on it, a panel of notifications that each lead to the fix. */
export function NotificationsBell() {
  const [open, setOpen] = useState(false);
  const { data } = useNotifications(open);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const unread = data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    // Opening the panel shows what is new now, not what the last poll saw.
    void queryClient.invalidateQueries({ queryKey: accountKeys.notifications });
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, queryClient]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.notifications });

  const follow = async (notification: Notification) => {
    setOpen(false);
    if (!notification.readAt) {
      await notificationsApi.read(notification.id).catch(() => undefined);
      void refresh();
    }
    void navigate(notification.link);
  };

  const readAll = async () => {
    await notificationsApi.readAll();
    await refresh();
  };

  return (
    <div className="menu-root">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        <Bell size={21} aria-hidden />
        {unread > 0 && (
          <span className="bell-count" aria-hidden>
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label="Notifications"
          tabIndex={-1}
          className="notifications-panel"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          <div className="notifications-head">
            <h2>Notifications</h2>
            {unread > 0 && (
              <button type="button" className="link-button small" onClick={() => void readAll()}>
                Mark all as read
              </button>
            )}
          </div>
          {!data || data.items.length === 0 ? (
            <p className="muted notifications-empty">Nothing needs your attention.</p>
          ) : (
            <ul className="notifications-list">
              {data.items.map((notification) => (
                <li key={notification.id} className={notification.readAt ? 'notification' : 'notification notification-unread'}>
                  {kindIcon(notification.kind)}
                  <div className="grow">
                    <a
                      href={notification.link}
                      className="notification-title"
                      onClick={(event) => {
                        event.preventDefault();
                        void follow(notification);
                      }}
                    >
                      {notification.title}
                      {!notification.readAt && <span className="visually-hidden"> (unread)</span>}
                    </a>
                    <p className="small muted">{notification.message}</p>
                    <p className="small faint">
                      <Time at={notification.createdAt} />
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
