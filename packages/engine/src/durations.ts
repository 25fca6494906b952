// ISO 8601 durations as WDL writes them (PT5S, P1D, PT1H30M, P1W). Years and months
// count as 365 and 30 days: the service accepts them only where an approximation is fine
// (timeouts, retry intervals).
const PATTERN = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const UNIT_MS = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/** Milliseconds of an ISO 8601 duration, or undefined when `text` is not one. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = PATTERN.exec(text.trim());
  if (!match || text.trim() === 'P' || /T$/i.test(text.trim())) return undefined;
  let total = 0;
  for (let i = 0; i < UNIT_MS.length; i += 1) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part.replace(',', '.')) * UNIT_MS[i]!;
  }
  return Math.round(total);
}

export const UNIT_TO_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};
