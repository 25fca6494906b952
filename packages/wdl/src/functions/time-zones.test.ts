import { describe, expect, it } from 'vitest';
import { findTimeZone, fromZoneTime, offsetAt, toZoneTime } from './time-zones.js';
import { WINDOWS_DISPLAY_NAMES } from './time-zones-windows.js';
import { formatRoundTrip } from './dotnet-format.js';
import type { DateTimeValue } from './date-time-value.js';

const utc = (iso: string): DateTimeValue => ({ ms: Date.parse(`${iso}Z`), sub: 0, kind: 'utc' });
const local = (iso: string): DateTimeValue => ({ ms: Date.parse(`${iso}Z`), sub: 0, kind: 'unspecified' });
const zone = (name: string) => {
  const found = findTimeZone(name);
  if (!found) throw new Error(`no zone ${name}`);
  return found;
};

describe('findTimeZone', () => {
  it('resolves every Windows id and display name to a zone Node knows', () => {
    for (const [id, display] of WINDOWS_DISPLAY_NAMES) {
      const byId = findTimeZone(id);
      expect(byId?.id, id).toBe(id);
      expect(findTimeZone(display)?.iana, display).toBe(byId?.iana);
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: byId?.iana })).not.toThrow();
    }
  });

  it('maps the zones flows use most', () => {
    expect(zone('Pacific Standard Time').iana).toBe('America/Los_Angeles');
    expect(zone('W. Europe Standard Time').iana).toBe('Europe/Berlin');
    expect(zone('Romance Standard Time').iana).toBe('Europe/Paris');
    expect(zone('UTC').isUtc).toBe(true);
    expect(zone('Coordinated Universal Time').isUtc).toBe(true);
    expect(zone('GMT Standard Time').isUtc).toBe(false);
  });

  it('ignores case and punctuation, and accepts IANA ids', () => {
    expect(zone('(UTC-05:00) Eastern Time (US & Canada)').id).toBe('Eastern Standard Time');
    expect(zone('UTC-0500 Eastern Time US Canada').id).toBe('Eastern Standard Time');
    expect(zone('w europe standard time').id).toBe('W. Europe Standard Time');
    expect(zone('America/New_York').iana).toBe('America/New_York');
    expect(zone('Etc/UTC').isUtc).toBe(true);
  });

  it('refuses names that are no zone', () => {
    for (const name of ['', 'Mars Standard Time', 'PST', 'Europe/Atlantis', 'Pacific', 'UTC+08', 'UTC-13']) expect(findTimeZone(name), name).toBeUndefined();
    expect(zone('utc-08').id).toBe('UTC-08');
    expect(zone('UTC+12').iana).toBe('Etc/GMT-12');
  });
});

describe('offsets and conversions', () => {
  it('follows daylight saving time in both hemispheres and odd offsets', () => {
    const hours = (name: string, iso: string): number => offsetAt(zone(name), utc(iso).ms) / 3_600_000;
    expect(hours('Pacific Standard Time', '2018-01-15T12:00:00')).toBe(-8);
    expect(hours('Pacific Standard Time', '2018-07-15T12:00:00')).toBe(-7);
    expect(hours('AUS Eastern Standard Time', '2018-01-15T12:00:00')).toBe(11);
    expect(hours('AUS Eastern Standard Time', '2018-07-15T12:00:00')).toBe(10);
    expect(hours('India Standard Time', '2018-07-15T12:00:00')).toBe(5.5);
    expect(hours('Nepal Standard Time', '2018-07-15T12:00:00')).toBe(5.75);
    expect(hours('Chatham Islands Standard Time', '2018-07-15T12:00:00')).toBe(12.75);
  });

  it('converts across the European spring and autumn changes', () => {
    const berlin = zone('W. Europe Standard Time');
    expect(formatRoundTrip(toZoneTime(utc('2018-03-25T00:59:59'), berlin)!)).toBe('2018-03-25T01:59:59.0000000');
    expect(formatRoundTrip(toZoneTime(utc('2018-03-25T01:00:00'), berlin)!)).toBe('2018-03-25T03:00:00.0000000');
    expect(fromZoneTime(local('2018-03-25T02:30:00'), berlin)).toEqual({ outcome: 'invalid' });
    const autumn = fromZoneTime(local('2018-10-28T02:30:00'), berlin);
    expect(autumn.outcome === 'ok' && formatRoundTrip(autumn.value)).toBe('2018-10-28T01:30:00.0000000Z');
  });

  it('keeps sub-millisecond ticks through a conversion', () => {
    const value: DateTimeValue = { ms: Date.parse('2018-01-01T08:00:00.123Z'), sub: 4567, kind: 'utc' };
    expect(formatRoundTrip(toZoneTime(value, zone('Tokyo Standard Time'))!)).toBe('2018-01-01T17:00:00.1234567');
  });
});
