// Values as text the way the service writes them inside strings: integers as digits,
// booleans True/False, null empty, objects and arrays as compact JSON.
import { toInterpolatedString } from '@brook/wdl';

export function interpolated(value: unknown): string {
  return toInterpolatedString(value);
}
