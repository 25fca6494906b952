import { useEffect, useState } from 'react';
import { formatDateTime, formatDuration, formatRelative } from '../lib/format';

/** A time shown relative ("5 min ago") with the full date in its title. */
export function Time({ at, fallback = 'never' }: { at: string | null | undefined; fallback?: string }) {
  if (!at) return <span className="faint">{fallback}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/** How long something has been going on ("12 s"), counting up once a second. */
export function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const ms = Math.max(0, now - Date.parse(since));
  return <time dateTime={since}>{ms < 60_000 ? `${Math.floor(ms / 1000)} s` : formatDuration(ms)}</time>;
}
