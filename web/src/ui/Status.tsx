import type { LucideIcon } from 'lucide-react';
import { Ban, CircleCheck, CircleDashed, CircleX, Clock, KeyRound, LoaderCircle, TimerOff, TriangleExclamationPoint } from 'lucide-react';
import type { ActionStatus, ConnectionStatus, RunStatus } from '../api/types';
import './status.css';

type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'idle';

interface StatusLook {
  label: string;
  tone: Tone;
  Icon: LucideIcon;
  spin?: boolean;
}

export function runStatusLook(status: RunStatus | ActionStatus): StatusLook {
  switch (status) {
    case 'Succeeded':
      return { label: 'Succeeded', tone: 'ok', Icon: CircleCheck };
    case 'Failed':
      return { label: 'Failed', tone: 'bad', Icon: CircleX };
    case 'Running':
      return { label: 'Running', tone: 'info', Icon: LoaderCircle, spin: true };
    case 'Waiting':
      return { label: 'Waiting', tone: 'idle', Icon: Clock };
    case 'Cancelled':
      return { label: 'Cancelled', tone: 'idle', Icon: Ban };
    case 'TimedOut':
      return { label: 'Timed out', tone: 'warn', Icon: TimerOff };
    case 'Skipped':
      return { label: 'Skipped', tone: 'idle', Icon: CircleDashed };
  }
}

export function connectionStatusLook(status: ConnectionStatus): StatusLook {
  switch (status) {
    case 'connected':
      return { label: 'Connected', tone: 'ok', Icon: CircleCheck };
    case 'unauthenticated':
      return { label: 'Not authenticated', tone: 'bad', Icon: KeyRound };
    case 'error':
      return { label: 'Error', tone: 'warn', Icon: TriangleExclamationPoint };
  }
}

function Badge({ look, compact }: { look: StatusLook; compact?: boolean }) {
  const { Icon } = look;
  return (
    <span className={`status status-${look.tone}${compact ? ' status-compact' : ''}`}>
      <Icon size={compact ? 14 : 15} aria-hidden className={look.spin ? 'spin' : undefined} />
      <span>{look.label}</span>
    </span>
  );
}

export function RunStatusBadge({ status, compact }: { status: RunStatus | ActionStatus; compact?: boolean }) {
  return <Badge look={runStatusLook(status)} compact={compact} />;
}

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return <Badge look={connectionStatusLook(status)} />;
}

/** Only the icon, with the status as its accessible name (for graph cards). */
export function RunStatusIcon({ status, size = 18 }: { status: RunStatus | ActionStatus; size?: number }) {
  const look = runStatusLook(status);
  const { Icon } = look;
  return (
    <span className={`status-icon tone-${look.tone}`} role="img" aria-label={look.label}>
      <Icon size={size} aria-hidden className={look.spin ? 'spin' : undefined} />
    </span>
  );
}
