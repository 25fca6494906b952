import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

describe('triggers', () => {
  it('accepts every known type in any case', () => {
    for (const type of ['Request', 'request', 'HttpWebhook', 'ApiConnection', 'ApiConnectionWebhook', 'OpenApiConnection', 'OpenApiConnectionWebhook', 'OpenApiConnectionNotification', 'manual', 'Button', 'ServiceProvider']) {
      expect(validateDefinition({ triggers: { t: { type } }, actions: {} }).problems).toEqual([]);
    }
  });

  it('warns when there is no trigger, or more than one', () => {
    expect(validateDefinition({ actions: {} }).problems).toEqual([expect.objectContaining({ code: 'NoTrigger', severity: 'warning' })]);
    const [many] = validateDefinition({ triggers: { a: { type: 'Request' }, b: { type: 'Request' } }, actions: {} }).problems;
    expect(many).toMatchObject({ code: 'MultipleTriggers', path: '/triggers', severity: 'warning' });
    expect(many!.message).toContain("'a', 'b'");
  });

  it('reports unknown and missing types, and triggers that are not objects', () => {
    const problems = validateDefinition({ triggers: { a: { type: 'Recurence', recurrence: { frequency: 'Day', interval: 1 } } }, actions: {} }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'UnknownTriggerType', path: '/triggers/a/type' })]);
    expect(problems[0]!.message).toContain('Recurrence');
    expect(validateDefinition({ triggers: { a: { inputs: {} } }, actions: {} }).problems).toEqual([expect.objectContaining({ code: 'MissingType', path: '/triggers/a' })]);
    expect(validateDefinition({ triggers: { a: 'Request' }, actions: {} }).problems).toEqual([expect.objectContaining({ code: 'InvalidShape', path: '/triggers/a' })]);
  });

  it('checks the recurrence of polling triggers too', () => {
    const problems = validateDefinition({ triggers: { poll: { type: 'ApiConnection', inputs: {}, recurrence: { frequency: 'Hour', interval: 0 } } }, actions: {} }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'InvalidRecurrence', path: '/triggers/poll/recurrence/interval' })]);
  });
});
