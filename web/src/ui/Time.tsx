import { formatDateTime, formatRelative } from '../lib/format';

/** A time shown relative ("5 min ago") with the full date in its title. */
export function Time({ at, fallback = 'never' }: { at: string | null | undefined; fallback?: string }) {
  if (!at) return <span className="faint">{fallback}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}
