// The recurrence of a Recurrence trigger (and of polling triggers): frequency, interval,
// start and end times, time zone and schedule, with the service's documented ranges.
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { isArmPlaceholder } from './arm-placeholders.js';
import { closestNames } from './known-types.js';
import { describeJsonType, error, isPlainObject, pointer, quote, type DefinitionProblem } from './problems.js';

/** Interval ranges per frequency (Logic Apps; a Week is capped by the 500-day maximum). */
export const RECURRENCE_INTERVALS = {
  Second: 9_999_999,
  Minute: 72_000,
  Hour: 12_000,
  Day: 500,
  Week: 71,
  Month: 16,
} as const;
type Frequency = keyof typeof RECURRENCE_INTERVALS;
const FREQUENCIES = Object.keys(RECURRENCE_INTERVALS) as Frequency[];
const WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const WINDOWS_TIME_ZONES = [...new Set(WINDOWS_TO_IANA_MAP.map((zone) => zone.windowsName as string))];
const windowsTimeZones = new Set(WINDOWS_TIME_ZONES.map((zone) => zone.toLowerCase()));
// Power Automate may show display names, "(UTC-05:00) Eastern Time (US & Canada)".
const DISPLAY_TIME_ZONE = /^\(UTC([+-]\d{2}:\d{2})?\)\s+\S/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A value filled in at run time or deployment: it cannot be checked here. */
function isDeferred(value: unknown): boolean {
  return isArmPlaceholder(value) || (typeof value === 'string' && value.startsWith('@') && !value.startsWith('@@'));
}

export function isKnownTimeZone(zone: string): boolean {
  return windowsTimeZones.has(zone.trim().toLowerCase()) || DISPLAY_TIME_ZONE.test(zone.trim());
}

// "Daily", "Hours": words people write for a frequency the service spells as a unit.
const FREQUENCY_WORDS: Record<string, Frequency> = { secondly: 'Second', hourly: 'Hour', daily: 'Day', weekly: 'Week', monthly: 'Month' };

function frequencyMeant(raw: string): Frequency | undefined {
  const word = raw.trim().toLowerCase();
  return FREQUENCY_WORDS[word] ?? FREQUENCIES.find((known) => known.toLowerCase() === word.replace(/s$/, ''));
}

export function validateRecurrence(recurrence: unknown, path: string, triggerName: string): DefinitionProblem[] {
  const invalid = (at: string, message: string): DefinitionProblem => error(at, 'InvalidRecurrence', message);
  if (!isPlainObject(recurrence)) {
    return [invalid(path, `The recurrence of trigger '${triggerName}' must be an object such as { "frequency": "Hour", "interval": 1 }, but it is ${describeJsonType(recurrence)}.`)];
  }
  const problems: DefinitionProblem[] = [];
  let frequency: Frequency | null = null;
  const rawFrequency = recurrence.frequency;
  if (rawFrequency === undefined) {
    problems.push(invalid(path, `The recurrence of trigger '${triggerName}' has no "frequency". Add one of ${FREQUENCIES.join(', ')}.`));
  } else if (!isDeferred(rawFrequency)) {
    frequency = FREQUENCIES.find((known) => typeof rawFrequency === 'string' && known.toLowerCase() === rawFrequency.trim().toLowerCase()) ?? null;
    if (frequency === null) {
      const meant = typeof rawFrequency === 'string' ? frequencyMeant(rawFrequency) : undefined;
      problems.push(
        invalid(pointer(path, 'frequency'), `Frequency ${quote(rawFrequency)} is not one of ${FREQUENCIES.join(', ')}.${meant ? ` Write "${meant}" for ${quote(rawFrequency)}.` : ' Use one of them.'}`),
      );
    }
  }

  const rawInterval = recurrence.interval;
  if (rawInterval === undefined) {
    problems.push(invalid(path, `The recurrence of trigger '${triggerName}' has no "interval". Add how many ${frequency ?? 'frequency'} units to wait between runs, e.g. 1.`));
  } else if (!isDeferred(rawInterval)) {
    const interval = typeof rawInterval === 'string' && /^\s*\d+\s*$/.test(rawInterval) ? Number(rawInterval) : rawInterval;
    if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1) {
      problems.push(invalid(pointer(path, 'interval'), `Interval ${quote(rawInterval)} must be a whole number of at least 1.`));
    } else if (frequency !== null && interval > RECURRENCE_INTERVALS[frequency]) {
      problems.push(
        invalid(pointer(path, 'interval'), `Interval ${interval} is too long for frequency ${frequency}: the most is ${RECURRENCE_INTERVALS[frequency]} (500 days at most overall).`),
      );
    }
  }

  for (const member of ['startTime', 'endTime'] as const) {
    const value = recurrence[member];
    if (value === undefined || isDeferred(value)) continue;
    if (typeof value !== 'string' || !ISO_DATE_TIME.test(value.trim()) || Number.isNaN(Date.parse(value.trim().replace(/(Z|[+-]\d{2}:\d{2})?$/, 'Z')))) {
      problems.push(invalid(pointer(path, member), `${member} ${quote(value)} is not a date and time. Write it as ISO 8601, e.g. "2024-05-01T08:00:00Z".`));
    }
  }

  const zone = recurrence.timeZone;
  if (zone !== undefined && !isDeferred(zone)) {
    if (typeof zone !== 'string' || !isKnownTimeZone(zone)) {
      const suggestion = typeof zone === 'string' ? closestNames(zone, WINDOWS_TIME_ZONES) : [];
      problems.push(
        invalid(
          pointer(path, 'timeZone'),
          `Time zone ${quote(zone)} is not a Windows time zone name${suggestion.length ? `; did you mean ${suggestion.map((name) => `"${name}"`).join(' or ')}?` : '. Use a name such as "W. Europe Standard Time" or "Pacific Standard Time".'}`,
        ),
      );
    }
  }

  if (recurrence.schedule !== undefined) problems.push(...validateSchedule(recurrence.schedule, pointer(path, 'schedule'), frequency));
  return problems;
}

function validateSchedule(schedule: unknown, path: string, frequency: Frequency | null): DefinitionProblem[] {
  const invalid = (at: string, message: string): DefinitionProblem => error(at, 'InvalidRecurrence', message);
  if (isDeferred(schedule)) return [];
  if (!isPlainObject(schedule)) return [invalid(path, `schedule must be an object such as { "hours": [8], "minutes": [0] }, but it is ${describeJsonType(schedule)}.`)];
  const problems: DefinitionProblem[] = [];
  const numbers = (member: string, min: number, max: number, allowNegative = false): void => {
    const value = schedule[member];
    if (value === undefined || isDeferred(value)) return;
    const list = Array.isArray(value) ? value : [value];
    const bad = list.filter((item) => {
      const number = typeof item === 'string' && /^\s*-?\d+\s*$/.test(item) ? Number(item) : item;
      if (typeof number !== 'number' || !Number.isInteger(number)) return true;
      return allowNegative ? number === 0 || Math.abs(number) > max : number < min || number > max;
    });
    if (bad.length > 0) problems.push(invalid(pointer(path, member), `schedule.${member} must list whole numbers from ${min} to ${max}; ${bad.map((item) => quote(item)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not.`));
  };
  numbers('hours', 0, 23);
  numbers('minutes', 0, 59);
  numbers('monthDays', 1, 31, true);

  const weekDays = schedule.weekDays;
  if (weekDays !== undefined && !isDeferred(weekDays)) {
    const list = Array.isArray(weekDays) ? weekDays : [weekDays];
    const bad = list.filter((day) => typeof day !== 'string' || !WEEK_DAYS.some((known) => known.toLowerCase() === day.trim().toLowerCase()));
    if (bad.length > 0) problems.push(invalid(pointer(path, 'weekDays'), `schedule.weekDays must list day names (${WEEK_DAYS.join(', ')}); ${bad.map((day) => quote(day)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not.`));
    if (frequency !== null && frequency !== 'Week') {
      problems.push(invalid(pointer(path, 'weekDays'), `schedule.weekDays only applies when frequency is Week, but it is ${frequency}. Change the frequency to Week or remove weekDays.`));
    }
  }
  if ((schedule.hours !== undefined || schedule.minutes !== undefined) && frequency !== null && !['Day', 'Week', 'Month'].includes(frequency)) {
    problems.push(invalid(path, `schedule.hours and schedule.minutes only apply when frequency is Day, Week or Month, but it is ${frequency}.`));
  }
  if ((schedule.monthDays !== undefined || schedule.monthlyOccurrences !== undefined) && frequency !== null && frequency !== 'Month') {
    problems.push(invalid(path, `schedule.monthDays and schedule.monthlyOccurrences only apply when frequency is Month, but it is ${frequency}.`));
  }
  return problems;
}
