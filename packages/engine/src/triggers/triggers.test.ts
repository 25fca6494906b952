import { describe, expect, it } from 'vitest';
import { matchRequestTrigger, requestTriggerOutputs, manualTriggerOutputs } from './request.js';
import { nextOccurrence, RecurrenceError } from './recurrence.js';
import { prepareTriggerRuns } from './prepare.js';
import type { Recurrence } from '@brook/wdl';

const at = (iso: string): number => Date.parse(iso);
const next = (recurrence: Recurrence, after: string): string | undefined => nextOccurrence(recurrence, at(after))?.toISOString();

describe('Request trigger', () => {
  const trigger = { type: 'Request', kind: 'Http', inputs: { method: 'POST', relativePath: 'orders/{id}/lines/{line}', schema: { type: 'object', required: ['qty'] } } };

  it('matches method and relative path, with path parameters', () => {
    expect(matchRequestTrigger(trigger, { method: 'post', relativePath: '/orders/42/lines/a%20b' })).toEqual({ ok: true, relativePathParameters: { id: '42', line: 'a b' } });
    expect(matchRequestTrigger(trigger, { method: 'GET', relativePath: 'orders/42/lines/1' })).toMatchObject({ ok: false, status: 405 });
    expect(matchRequestTrigger(trigger, { method: 'POST', relativePath: 'orders/42' })).toMatchObject({ ok: false, status: 404 });
    expect(matchRequestTrigger({ type: 'Request' }, { method: 'PUT', relativePath: '' })).toEqual({ ok: true, relativePathParameters: {} });
  });

  it('produces { headers, body, queries, relativePathParameters }', () => {
    const result = requestTriggerOutputs(trigger, { method: 'POST', relativePath: 'orders/1/lines/2', query: { page: '3' }, headers: { 'content-type': 'application/json', 'x-a': ['1', '2'] }, body: '{"qty": 2}' }, { id: '1', line: '2' });
    expect(result).toEqual({ ok: true, outputs: { headers: { 'content-type': 'application/json', 'x-a': '1,2' }, body: { qty: 2 }, queries: { page: '3' }, relativePathParameters: { id: '1', line: '2' } } });
    const text = requestTriggerOutputs({ type: 'Request' }, { method: 'GET', relativePath: '', query: {}, headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(text).toEqual({ ok: true, outputs: { headers: { 'content-type': 'text/plain' }, body: 'hi' } });
    expect(manualTriggerOutputs({ body: { a: 1 } })).toEqual({ headers: {}, body: { a: 1 } });
  });

  it('records form posts and multipart bodies the way the service does, and omits an empty body', () => {
    const form = requestTriggerOutputs({ type: 'Request' }, { method: 'POST', relativePath: '', query: {}, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=x%20y&&c' });
    expect(form.ok && form.outputs.body).toEqual({
      '$content-type': 'application/x-www-form-urlencoded',
      $content: Buffer.from('a=1&b=x%20y&&c').toString('base64'),
      $formdata: [{ key: 'a', value: '1' }, { key: 'b', value: 'x y' }, { key: '', value: '' }, { key: 'c', value: '' }],
    });
    const body = '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nhi\r\n--XX\r\nContent-Disposition: form-data; name="t"\r\nContent-Type: text/plain\r\n\r\ntext\r\n--XX--\r\n';
    const multi = requestTriggerOutputs({ type: 'Request' }, { method: 'POST', relativePath: '', query: {}, headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, body });
    expect(multi.ok && (multi.outputs.body as { $multipart: unknown }).$multipart).toEqual([
      { headers: { 'Content-Disposition': 'form-data; name="a"', 'Content-Length': '2' }, body: { '$content-type': 'application/octet-stream', $content: Buffer.from('hi').toString('base64') } },
      { headers: { 'Content-Disposition': 'form-data; name="t"', 'Content-Type': 'text/plain', 'Content-Length': '4' }, body: 'text' },
    ]);
    const empty = requestTriggerOutputs({ type: 'Request' }, { method: 'GET', relativePath: '', query: {}, headers: {}, body: '' });
    expect(empty).toEqual({ ok: true, outputs: { headers: {} } });
  });

  it('validates the body against the schema only with EnableSchemaValidation', () => {
    const request = { method: 'POST', relativePath: 'orders/1/lines/2', query: {}, headers: { 'content-type': 'application/json' }, body: '{}' };
    expect(requestTriggerOutputs(trigger, request).ok).toBe(true);
    const strict = requestTriggerOutputs({ ...trigger, operationOptions: 'EnableSchemaValidation' }, request);
    expect(strict).toMatchObject({ ok: false, status: 400 });
    if (!strict.ok) expect(strict.message).toContain('qty');
  });
});

describe('Recurrence', () => {
  it('repeats simple schedules from startTime', () => {
    expect(next({ frequency: 'Minute', interval: 15, startTime: '2030-01-01T00:00:00Z' }, '2030-01-01T00:20:00Z')).toBe('2030-01-01T00:30:00.000Z');
    expect(next({ frequency: 'Second', interval: 30, startTime: '2030-01-01T00:00:00Z' }, '2029-12-31T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next({ frequency: 'Hour', interval: 2, startTime: '2030-01-01T01:00:00Z' }, '2030-01-01T03:00:00Z')).toBe('2030-01-01T05:00:00.000Z');
  });

  it('fires at the scheduled hours and minutes of the right days, in the time zone', () => {
    const daily = { frequency: 'Day', interval: 1, timeZone: 'Pacific Standard Time', startTime: '2030-01-01T00:00:00', schedule: { hours: [9, 17], minutes: [30] } };
    expect(next(daily, '2030-01-01T18:00:00Z')).toBe('2030-01-02T01:30:00.000Z'); // 17:30 PST
    expect(next(daily, '2030-07-01T17:00:00Z')).toBe('2030-07-02T00:30:00.000Z'); // 17:30 PDT
    const weekly = { frequency: 'Week', interval: 1, startTime: '2030-01-01T00:00:00Z', schedule: { weekDays: ['Monday', 'Friday'], hours: [8], minutes: [0] } };
    expect(next(weekly, '2030-01-01T00:00:00Z')).toBe('2030-01-04T08:00:00.000Z'); // Friday
    expect(next(weekly, '2030-01-04T08:00:00Z')).toBe('2030-01-07T08:00:00.000Z'); // Monday
    const monthly = { frequency: 'Month', interval: 1, startTime: '2030-01-31T06:00:00Z', schedule: { monthDays: [-1] } };
    expect(next(monthly, '2030-02-01T00:00:00Z')).toBe('2030-02-28T06:00:00.000Z');
    expect(next({ frequency: 'Day', interval: 2, startTime: '2030-01-01T10:00:00Z' }, '2030-01-01T10:00:00Z')).toBe('2030-01-03T10:00:00.000Z');
  });

  it('reads time zones as Windows ids, IANA ids or Windows display names', () => {
    const nine = (timeZone: string) => next({ frequency: 'Day', interval: 1, timeZone, schedule: { hours: [9], minutes: [0] } }, '2030-07-01T12:00:00Z');
    expect(nine('(UTC-05:00) Eastern Time (US & Canada)')).toBe('2030-07-01T13:00:00.000Z'); // 09:00 EDT
    expect(nine('(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna')).toBe('2030-07-02T07:00:00.000Z'); // 09:00 CEST
    expect(nine('(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi')).toBe('2030-07-02T03:30:00.000Z');
    expect(nine('(UTC) Coordinated Universal Time')).toBe('2030-07-02T09:00:00.000Z');
    expect(nine('Central European Standard Time')).toBe('2030-07-02T07:00:00.000Z');
    expect(nine('Europe/Oslo')).toBe('2030-07-02T07:00:00.000Z');
    expect(() => nine('Mars Standard Time')).toThrow(/not a known time zone/);
  });

  it('stops at endTime and explains bad schedules', () => {
    expect(next({ frequency: 'Day', interval: 1, startTime: '2030-01-01T00:00:00Z', endTime: '2030-01-02T12:00:00Z' }, '2030-01-02T00:00:00Z')).toBeUndefined();
    expect(() => next({ frequency: 'Fortnight', interval: 1 }, '2030-01-01T00:00:00Z')).toThrow(RecurrenceError);
    expect(() => next({ frequency: 'Day', interval: 1, timeZone: 'Atlantis Time' }, '2030-01-01T00:00:00Z')).toThrow(/not a known time zone/);
    expect(() => next({ frequency: 'Day', interval: 0 }, '2030-01-01T00:00:00Z')).toThrow(/interval/);
  });
});

describe('trigger conditions, splitOn and tracking ids', () => {
  const definition = (trigger: Record<string, unknown>) => ({ triggers: { manual: { type: 'Request', ...trigger } }, actions: {} });

  it('fires only when every condition holds', () => {
    const d = definition({ conditions: [{ expression: "@equals(triggerBody()?['kind'], 'order')" }] });
    expect(prepareTriggerRuns(d, 'manual', { headers: {}, body: { kind: 'order' } })).toMatchObject({ outcome: 'fire', runs: [{ triggerOutputs: { body: { kind: 'order' } } }] });
    expect(prepareTriggerRuns(d, 'manual', { headers: {}, body: { kind: 'refund' } })).toMatchObject({ outcome: 'skip' });
    expect(prepareTriggerRuns(definition({ conditions: [{ expression: '@div(1, 0)' }] }), 'manual', { headers: {} })).toMatchObject({ outcome: 'error' });
  });

  it('splits an array into one run per element', () => {
    const d = definition({ splitOn: "@triggerBody()?['items']" });
    const decision = prepareTriggerRuns(d, 'manual', { headers: { a: '1' }, body: { items: [{ n: 1 }, { n: 2 }] } });
    expect(decision).toEqual({ outcome: 'fire', runs: [{ triggerOutputs: { headers: { a: '1' }, body: { n: 1 } }, clientTrackingId: null }, { triggerOutputs: { headers: { a: '1' }, body: { n: 2 } }, clientTrackingId: null }] });
    expect(prepareTriggerRuns(d, 'manual', { headers: {}, body: { items: 'x' } })).toMatchObject({ outcome: 'error', message: expect.stringContaining('must select an array') });
  });

  it('takes the client tracking id from the header, else from correlation', () => {
    const d = definition({ correlation: { clientTrackingId: "@coalesce(triggerOutputs()?.headers?['x-correlation-id'], 'none')" } });
    expect(prepareTriggerRuns(d, 'manual', { headers: { 'X-Correlation-Id': 'c-1' } })).toMatchObject({ runs: [{ clientTrackingId: 'c-1' }] });
    expect(prepareTriggerRuns(d, 'manual', { headers: { 'x-ms-client-tracking-id': 't-9' } })).toMatchObject({ runs: [{ clientTrackingId: 't-9' }] });
    expect(prepareTriggerRuns(d, 'manual', { headers: {} })).toMatchObject({ runs: [{ clientTrackingId: 'none' }] });
  });
});
