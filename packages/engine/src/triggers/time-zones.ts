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

function knownZone(candidate: string): string | undefined {
  const windows = findIana(candidate);
  if (windows && windows.length > 0) return windows[0];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: candidate });
    return candidate;
  } catch {
    return undefined; // not an IANA id either
  }
}

/** Display names without a city: "(UTC-05:00) Eastern Time (US & Canada)". */
const REGION_NAMES: Record<string, string> = {
  'eastern time': 'America/New_York',
  'central time': 'America/Chicago',
  'mountain time': 'America/Denver',
  'pacific time': 'America/Los_Angeles',
  'atlantic time': 'America/Halifax',
  alaska: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu',
  newfoundland: 'America/St_Johns',
  'coordinated universal time': 'UTC',
};
const AREAS = ['Europe', 'America', 'Asia', 'Australia', 'Africa', 'Pacific', 'Atlantic', 'Indian'];

/**
 * A Windows display name, "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":
 * its region, else the first of its cities that is an IANA zone, else its fixed offset.
 */
function displayZone(offset: string, place: string): string | undefined {
  const region = REGION_NAMES[place.replace(/\s*\(.*\)\s*$/, '').trim().toLowerCase()];
  if (region) return region;
  for (const city of place.split(',')) {
    const id = city.trim().replace(/\s+/g, '_');
    for (const area of AREAS) {
      const zone = id ? knownZone(`${area}/${id}`) : undefined;
      if (zone) return zone;
    }
  }
  const hours = /^([+-])(\d{2}):00$/.exec(offset);
  if (!offset || offset === '+00:00') return 'UTC';
  // Etc/GMT ids count the other way round: UTC+03:00 is Etc/GMT-3.
  return hours ? `Etc/GMT${hours[1] === '+' ? '-' : '+'}${Number(hours[2])}` : undefined;
}

/** The IANA zone for a Windows id, an IANA id or a display string; undefined when unknown. */
export function ianaZone(name: string | undefined): string | undefined {
  if (!name) return 'UTC';
  const trimmed = name.trim();
  const known = knownZone(trimmed);
  if (known) return known;
  const display = /^\(UTC([+-]\d{2}:\d{2})?\)\s*(.+)$/.exec(trimmed);
  if (display) return knownZone(display[2]!) ?? displayZone(display[1] ?? '', display[2]!);
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
