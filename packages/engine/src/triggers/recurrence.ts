// Recurrence schedules: the next time a Recurrence trigger fires after a given instant.
// Simple schedules repeat every `interval` `frequency` from startTime; with `schedule`
// (Day, Week, Month) they fire at the listed hours and minutes (and week days / month
// days) of every interval-th day, week or month, in the trigger's time zone. A schedule
// never fires before startTime nor after endTime.
import type { Recurrence } from '@brook/wdl';
import { ianaZone, wallTime, zonedToUtc, type WallTime } from './time-zones.js';

const SIMPLE_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };
const WEEKDAY_NAMES: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

export class RecurrenceError extends Error {}

/** startTime: with a time zone it is wall time in that zone (an offset in the text wins). */
function parseStart(recurrence: Recurrence, zone: string, fallback: number): number {
  const text = recurrence.startTime;
  if (!text) return fallback;
  if (/(z|[+-]\d\d:?\d\d)$/i.test(text.trim())) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new RecurrenceError(`recurrence.startTime is not a date and time: ${JSON.stringify(text)}.`);
    return ms;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!match) throw new RecurrenceError(`recurrence.startTime is not a date and time such as 2030-01-01T09:00:00: ${JSON.stringify(text)}.`);
  const [, y, mo, d, h, mi, s] = match;
  return zonedToUtc(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), zone);
}

function numbers(list: unknown, min: number, max: number, name: string): number[] | undefined {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || list.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)) {
    throw new RecurrenceError(`recurrence.schedule.${name} must be whole numbers from ${min} to ${max}.`);
  }
  return [...(list as number[])].sort((a, b) => a - b);
}

/** The first firing strictly after `after`, or null when the schedule has ended. */
export function nextOccurrence(recurrence: Recurrence, after: number, anchor = after): Date | null {
  const frequency = String(recurrence.frequency ?? '').toLowerCase();
  const interval = Number(recurrence.interval ?? 1);
  if (!Number.isInteger(interval) || interval < 1) throw new RecurrenceError(`recurrence.interval must be a whole number of at least 1; got ${JSON.stringify(recurrence.interval)}.`);
  const zone = ianaZone(recurrence.timeZone);
  if (!zone) throw new RecurrenceError(`recurrence.timeZone '${recurrence.timeZone}' is not a known time zone.`);
  const start = parseStart(recurrence, zone, anchor);
  const end = recurrence.endTime ? Date.parse(recurrence.endTime) : Number.POSITIVE_INFINITY;
  const result = next(frequency, interval, recurrence, zone, start, after);
  if (result === null || result > end) return null;
  return new Date(result);
}

function next(frequency: string, interval: number, recurrence: Recurrence, zone: string, start: number, after: number): number | null {
  const schedule = recurrence.schedule ?? {};
  const simple = SIMPLE_MS[frequency];
  if (simple !== undefined && !(frequency === 'hour' && schedule.minutes)) {
    const step = simple * interval;
    if (after < start) return start;
    return start + (Math.floor((after - start) / step) + 1) * step;
  }
  const startWall = wallTime(start, zone);
  const hours = numbers(schedule.hours, 0, 23, 'hours') ?? (frequency === 'hour' ? [...Array(24).keys()] : [startWall.hour]);
  const minutes = numbers(schedule.minutes, 0, 59, 'minutes') ?? [startWall.minute];
  const second = schedule.hours || schedule.minutes ? 0 : startWall.second;
  const weekDays = schedule.weekDays?.map((day) => {
    const n = WEEKDAY_NAMES[String(day).toLowerCase()];
    if (n === undefined) throw new RecurrenceError(`recurrence.schedule.weekDays has an unknown day: ${JSON.stringify(day)}.`);
    return n;
  });
  const monthDays = numbers(schedule.monthDays, -1, 31, 'monthDays');
  const from = Math.max(after, start - 1);
  const firstDay = Date.UTC(startWall.year, startWall.month - 1, startWall.day);
  const fromWall = wallTime(from, zone);
  let day = Date.UTC(fromWall.year, fromWall.month - 1, fromWall.day);
  for (let i = 0; i < 366 * 5 * Math.max(1, interval); i += 1, day += 86_400_000) {
    const date = new Date(day);
    if (!dayMatches(frequency, interval, date, firstDay, startWall, weekDays, monthDays)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, second, zone);
        if (at > after && at >= start) return at;
      }
    }
  }
  return null;
}

function dayMatches(frequency: string, interval: number, date: Date, firstDay: number, startWall: WallTime, weekDays: number[] | undefined, monthDays: number[] | undefined): boolean {
  const dayIndex = Math.round((date.getTime() - firstDay) / 86_400_000);
  if (dayIndex < 0) return false;
  switch (frequency) {
    case 'hour':
      return true;
    case 'day':
      return dayIndex % interval === 0;
    case 'week': {
      const startWeek = Math.floor((dayIndex + startWall.weekday) / 7);
      if (startWeek % interval !== 0) return false;
      return (weekDays ?? [startWall.weekday]).includes(date.getUTCDay());
    }
    case 'month': {
      const months = (date.getUTCFullYear() - startWall.year) * 12 + (date.getUTCMonth() + 1 - startWall.month);
      if (months % interval !== 0) return false;
      const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      return (monthDays ?? [startWall.day]).some((d) => (d === -1 ? last : d) === date.getUTCDate());
    }
    default:
      throw new RecurrenceError(`recurrence.frequency must be Second, Minute, Hour, Day, Week or Month; got ${JSON.stringify(frequency)}.`);
  }
}
