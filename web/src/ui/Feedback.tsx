import type { ReactNode } from 'react';
import { CircleCheck, Info, LoaderCircle, TriangleExclamationPoint } from 'lucide-react';
import { errorMessage } from '../api/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="empty" role="status">
      <LoaderCircle size={22} className="spin" aria-hidden />
      <span>{label}</span>
    </div>
  );
}

export function ErrorNotice({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <div className="notice notice-bad" role="alert">
      <TriangleExclamationPoint size={18} aria-hidden />
      <div className="stack-tight grow">
        {title && <strong>{title}</strong>}
        <span>{errorMessage(error)}</span>
        {onRetry && (
          <span>
            <button type="button" className="link-button" onClick={onRetry}>
              Try again
            </button>
          </span>
        )}
      </div>
    </div>
  );
}

export function Notice({ tone, children, role }: { tone: 'ok' | 'bad' | 'warn' | 'info'; children: ReactNode; role?: 'status' | 'alert' }) {
  const Icon = tone === 'ok' ? CircleCheck : tone === 'info' ? Info : TriangleExclamationPoint;
  return (
    <div className={`notice notice-${tone}`} role={role}>
      <Icon size={18} aria-hidden />
      <div className="stack-tight grow">{children}</div>
    </div>
  );
}

export function Empty({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      {icon}
      <strong>{title}</strong>
      {children}
    </div>
  );
}
