// Wall-clock time in a time zone. Definitions name zones the Windows way ("Pacific
// Standard Time"), sometimes as IANA ids or Power Automate display strings
// ("(UTC-05:00) Eastern Time (US & Canada)"); all map to an IANA zone for Intl.
import { findIana } from 'windows-iana';

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The IANA zone for a Windows id, an IANA id or a display string; undefined when unknown. */
export function ianaZone(name: string | undefined): string | undefined {
  if (!name) return 'UTC';
  const trimmed = name.trim();
  const display = /^\(UTC[^)]*\)\s*(.+)$/.exec(trimmed);
  for (const candidate of [trimmed, display?.[1]]) {
    if (!candidate) continue;
    const windows = findIana(candidate);
    if (windows && windows.length > 0) return windows[0];
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: candidate });
      return candidate;
    } catch {
      // not an IANA id either
    }
  }
  if (/^(utc|gmt|coordinated universal time)$/i.test(trimmed)) return 'UTC';
  return undefined;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function wallTime(ms: number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** The instant at which the zone's clock shows this wall time (the earlier one across a DST overlap). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc;
  for (let i = 0; i < 3; i += 1) {
    const shown = wallTime(guess, zone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
    const diff = asUtc - shownAsUtc;
    if (diff === 0) break;
    guess += diff;
  }
  return guess;
}
