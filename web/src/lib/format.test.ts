import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative, plural } from './format';

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
  });

  it('shows a dash for what is not known yet', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('counts back from now', () => {
    expect(formatRelative('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-03-10T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-03-10T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2026-03-08T12:00:00Z', now)).toBe('2 days ago');
    expect(formatRelative('2026-03-10T12:30:00Z', now)).toBe('in 30 min');
  });
  it('says never for a missing time', () => {
    expect(formatRelative(null, now)).toBe('never');
  });
});

describe('plural', () => {
  it('picks the word by count', () => {
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(12, 'run')).toBe('12 runs');
    expect(plural(0, 'flow')).toBe('0 flows');
  });
});
