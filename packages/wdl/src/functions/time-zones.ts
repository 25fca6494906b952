// Time zones as flows name them: Windows ids ("W. Europe Standard Time"), Windows display
// names ("(UTC-05:00) Eastern Time (US & Canada)", with or without its punctuation, as the
// reference allows) and IANA ids ("Europe/Paris"). Offsets and daylight saving come from
// Node's ICU (Intl), so they follow the current tz database.
import { findIana } from 'windows-iana';
import { LEGACY_WINDOWS_ZONES, WINDOWS_DISPLAY_NAMES } from './time-zones-windows.js';
import { addTime, daysFromCivil, MS_PER_DAY, type DateTimeValue } from './date-time-value.js';

export interface TimeZone {
  /** The Windows id, or the IANA id when the zone was named that way. */
  id: string;
  iana: string;
  isUtc: boolean;
}

/** Case and punctuation do not matter, but a sign does: "UTC+08" is not "UTC-08". */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9+-]/g, '');
}

/** Display names may also lose their signs ("UTC0500 Eastern Time US Canada"); their words keep them apart. */
function withoutSigns(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const UTC_IANA = new Set(['etc/utc', 'utc', 'etc/gmt', 'gmt', 'etc/uct', 'uct', 'etc/zulu', 'zulu', 'etc/universal', 'universal']);

let byName: Map<string, { id: string; iana: string }> | undefined;

function windowsZones(): Map<string, { id: string; iana: string }> {
  if (byName) return byName;
  byName = new Map();
  for (const [id, display] of WINDOWS_DISPLAY_NAMES) {
    const iana = findIana(id)[0] ?? LEGACY_WINDOWS_ZONES[id];
    if (!iana) continue;
    byName.set(normalise(id), { id, iana });
    byName.set(normalise(display), { id, iana });
    byName.set(`~${withoutSigns(display)}`, { id, iana });
    if (!/\d/.test(id)) byName.set(`~${withoutSigns(id)}`, { id, iana });
  }
  byName.set(normalise('Coordinated Universal Time'), { id: 'UTC', iana: 'Etc/UTC' });
  return byName;
}

/** Resolves a zone name; undefined when it names no known zone. */
export function findTimeZone(name: string): TimeZone | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  const zones = windowsZones();
  const windows = zones.get(normalise(trimmed)) ?? zones.get(`~${withoutSigns(trimmed)}`);
  if (windows) return { id: windows.id, iana: windows.iana, isUtc: UTC_IANA.has(windows.iana.toLowerCase()) };
  if (!trimmed.includes('/') && !UTC_IANA.has(trimmed.toLowerCase())) return undefined;
  try {
    const iana = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    return { id: trimmed, iana, isUtc: UTC_IANA.has(iana.toLowerCase()) };
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, f);
  }
  return f;
}

const HOUR = 3_600_000;
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC in milliseconds at a UTC instant (whole seconds). */
export function offsetAt(zone: TimeZone, utcMs: number): number {
  if (zone.isUtc) return 0;
  // Most hours hold one offset: remember it for hours whose start and end agree.
  const hour = Math.floor(utcMs / HOUR);
  const key = `${zone.iana}|${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const start = exactOffsetAt(zone, hour * HOUR);
  if (start === exactOffsetAt(zone, hour * HOUR + HOUR - 1000)) {
    if (offsetCache.size >= 50_000) offsetCache.clear();
    offsetCache.set(key, start);
    return start;
  }
  return exactOffsetAt(zone, utcMs);
}

function exactOffsetAt(zone: TimeZone, utcMs: number): number {
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatterFor(zone.iana).formatToParts(new Date(wholeSecond))) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (fields.year ?? 0) : (fields.year ?? 0);
  const local =
    daysFromCivil(year, fields.month ?? 1, fields.day ?? 1) * MS_PER_DAY +
    (((fields.hour ?? 0) * 60 + (fields.minute ?? 0)) * 60 + (fields.second ?? 0)) * 1000;
  return local - wholeSecond;
}

/** A UTC instant as wall-clock time in the zone (.NET ConvertTimeFromUtc). */
export function toZoneTime(value: DateTimeValue, zone: TimeZone): DateTimeValue | undefined {
  const local = addTime(value, offsetAt(zone, value.ms));
  return local && { ...local, kind: zone.isUtc ? 'utc' : 'unspecified' };
}

export type ToUtcResult = { outcome: 'ok'; value: DateTimeValue } | { outcome: 'invalid' } | { outcome: 'out-of-range' };

/**
 * Wall-clock time in the zone → UTC (.NET ConvertTimeToUtc). A time skipped when clocks go
 * forward is invalid; a time that occurs twice when they go back is read as standard time.
 */
export function fromZoneTime(value: DateTimeValue, zone: TimeZone): ToUtcResult {
  const candidates: DateTimeValue[] = [];
  for (const probe of [value.ms - MS_PER_DAY, value.ms + MS_PER_DAY]) {
    const offset = offsetAt(zone, probe);
    const utc = addTime(value, -offset);
    if (!utc) return { outcome: 'out-of-range' };
    if (offsetAt(zone, utc.ms) === offset && !candidates.some((c) => c.ms === utc.ms)) candidates.push(utc);
  }
  if (candidates.length === 0) {
    // The day-apart probes can miss a second transition; try the offset at the instant itself.
    const offset = offsetAt(zone, value.ms);
    const utc = addTime(value, -offset);
    if (utc && offsetAt(zone, utc.ms) === offset) candidates.push(utc);
  }
  if (candidates.length === 0) return { outcome: 'invalid' };
  // Standard time has the smaller offset, i.e. the later UTC instant.
  const chosen = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { outcome: 'ok', value: { ...chosen, kind: 'utc' } };
}
