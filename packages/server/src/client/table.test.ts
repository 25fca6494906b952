import { describe, expect, it } from 'vitest';
import { formatDuration, formatTable, formatTime } from './table.js';

describe('tables for people', () => {
  it('aligns columns to the widest cell', () => {
    expect(formatTable(['ID', 'NAME', 'STATUS'], [['run_1', 'Orders', 'Failed'], ['run_22', 'Echo', 'Succeeded']])).toBe(
      ['ID      NAME    STATUS', 'run_1   Orders  Failed', 'run_22  Echo    Succeeded'].join('\n'),
    );
  });

  it('writes durations and times briefly', () => {
    expect([formatDuration(340), formatDuration(1234), formatDuration(125_000), formatDuration(null)]).toEqual(['340 ms', '1.2 s', '2 min 5 s', '—']);
    expect(formatTime('2025-01-31T09:14:05.123Z')).toBe('2025-01-31 09:14:05');
  });
});
