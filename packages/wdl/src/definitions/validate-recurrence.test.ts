import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

function check(recurrence: unknown): Array<{ path: string; code: string; message: string }> {
  return validateDefinition({ triggers: { Recurrence: { type: 'Recurrence', ...(recurrence === undefined ? {} : { recurrence }) } }, actions: {} }).problems;
}

describe('recurrence', () => {
  it('accepts documented schedules', () => {
    expect(check({ frequency: 'Week', interval: 1, schedule: { weekDays: ['Monday', 'friday'], hours: [8, 17], minutes: [0, 30] }, timeZone: 'W. Europe Standard Time', startTime: '2024-01-01T08:00:00' })).toEqual([]);
    expect(check({ frequency: 'month', interval: '2', schedule: { monthDays: [1, 15, -1] } })).toEqual([]);
    expect(check({ frequency: 'Day', interval: 1, timeZone: '(UTC-05:00) Eastern Time (US & Canada)', startTime: '2024-05-01T08:00:00Z' })).toEqual([]);
    expect(check({ frequency: "@triggerBody()?['frequency']", interval: "@triggerBody()?['interval']" })).toEqual([]);
  });

  it('needs a recurrence, a frequency and an interval', () => {
    expect(check(undefined)).toEqual([expect.objectContaining({ code: 'InvalidRecurrence', path: '/triggers/Recurrence' })]);
    expect(check({}).map((problem) => problem.message)).toEqual([
      expect.stringContaining('has no "frequency"'),
      expect.stringContaining('has no "interval"'),
    ]);
    expect(check('daily')).toEqual([expect.objectContaining({ code: 'InvalidRecurrence', path: '/triggers/Recurrence/recurrence' })]);
  });

  it('reports an unknown frequency and intervals out of range', () => {
    expect(check({ frequency: 'Fortnight', interval: 1 })).toEqual([expect.objectContaining({ path: '/triggers/Recurrence/recurrence/frequency' })]);
    expect(check({ frequency: 'Fortnight', interval: 1 })[0]!.message).toBe('Frequency "Fortnight" is not one of Second, Minute, Hour, Day, Week, Month. Use one of them.');
    expect(check({ frequency: 'Daily', interval: 1 })[0]!.message).toBe('Frequency "Daily" is not one of Second, Minute, Hour, Day, Week, Month. Write "Day" for "Daily".');
    expect(check({ frequency: 'hours', interval: 1 })[0]!.message).toContain('Write "Hour" for "hours".');
    expect(check({ frequency: 'Month', interval: 17 })[0]!.message).toContain('the most is 16');
    expect(check({ frequency: 'Second', interval: 9_999_999 })).toEqual([]);
    expect(check({ frequency: 'Minute', interval: 1.5 })[0]!.message).toContain('whole number');
  });

  it('names the nearest Windows time zone for an unknown one', () => {
    const [problem] = check({ frequency: 'Day', interval: 1, timeZone: 'W. Europe Standrd Time' });
    expect(problem).toMatchObject({ code: 'InvalidRecurrence', path: '/triggers/Recurrence/recurrence/timeZone' });
    expect(problem!.message).toContain('"W. Europe Standard Time"');
  });

  it('reports start times that are not dates and schedules that do not fit the frequency', () => {
    const problems = check({ frequency: 'Hour', interval: 1, startTime: 'tomorrow', schedule: { hours: [25], weekDays: ['Funday'] } });
    expect(problems.map((problem) => problem.path)).toEqual([
      '/triggers/Recurrence/recurrence/startTime',
      '/triggers/Recurrence/recurrence/schedule',
      '/triggers/Recurrence/recurrence/schedule/hours',
      '/triggers/Recurrence/recurrence/schedule/weekDays',
      '/triggers/Recurrence/recurrence/schedule/weekDays',
    ]);
  });
});
