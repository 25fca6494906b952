import { prettyJson } from '../lib/format';

/** Recorded inputs and outputs as the API sends them (secrets already masked there). */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const secure = value !== null && typeof value === 'object' && (value as Record<string, unknown>).$secure === true;
  if (secure) return <p className="muted small">Hidden: this action keeps its {label.toLowerCase()} secure.</p>;
  return (
    <pre className="json-block" aria-label={label} tabIndex={0}>
      {prettyJson(value)}
    </pre>
  );
}
