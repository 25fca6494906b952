// Wait (Delay and Delay until): `interval { count, unit }` or `until { timestamp }`.
// The end time is saved, so a resumed run waits only for what is left; long waits
// suspend the run (its lease is released and a timer wakes it).
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { UNIT_TO_MS } from '../durations.js';

export const waitAction: ActionHandler = {
  async run(ctx) {
    const inputs = inputsObject(ctx);
    const saved = ctx.previousState as { until?: number } | null;
    let until = saved?.until;
    if (until === undefined) {
      if (inputs.interval !== undefined) {
        const interval = inputs.interval as { count?: unknown; unit?: unknown };
        const count = Number(interval.count);
        const unit = UNIT_TO_MS[String(interval.unit ?? '').toLowerCase()];
        if (!Number.isFinite(count) || count < 0) fail(ctx, `interval.count must be a number of units; got ${JSON.stringify(interval.count)}.`, inputs);
        if (unit === undefined) fail(ctx, `interval.unit must be Second, Minute, Hour, Day, Week or Month; got ${JSON.stringify(interval.unit)}.`, inputs);
        until = ctx.startedAt + count * unit;
      } else if (inputs.until !== undefined) {
        const timestamp = (inputs.until as { timestamp?: unknown }).timestamp;
        const time = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
        if (Number.isNaN(time)) fail(ctx, `until.timestamp must be a date and time such as 2030-01-01T00:00:00Z; got ${JSON.stringify(timestamp)}.`, inputs);
        until = time;
      } else {
        fail(ctx, "give either 'interval' ({ count, unit }) or 'until' ({ timestamp }).", inputs);
      }
      ctx.saveState({ until }, inputs);
    }
    const slept = await ctx.sleep(until);
    if (slept === 'paused') return { kind: 'paused' };
    if (slept === 'aborted') throw new DOMException('aborted', 'AbortError');
    return succeeded(inputs, null);
  },
};
