// How values become text, as the service (.NET) writes them:
//   @{…} / string() / concat: strings as is, null → '', true → 'True', floats without a
//     trailing '.0' (5.0 → '5', 1e20 → '1E+20'), decimals with their scale, binary
//     content decoded, arrays and objects as compact JSON;
//   JSON text (inside an object or array): floats keep '.0' ([5.0]), decimals at least one
//     decimal place, strings escaped.
import { envelopeText, isContentEnvelope } from './content.js';
import { WdlDecimal, WdlFloat } from './values.js';

/** A double as .NET Core's double.ToString() writes it (shortest round-trip, E notation outside 1e-5 … 1e15). */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent > -5 && exponent < 15) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.length > exponent + 1 ? digits.slice(0, exponent + 1) : digits.padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
  }
  const fraction = digits.slice(1);
  const exponentAbs = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${digits[0]}${fraction ? `.${fraction}` : ''}E${exponent < 0 ? '-' : '+'}${exponentAbs}`;
}

/** The text '@{value}' produces. */
export function toInterpolatedString(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : formatDouble(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return value.toString();
    case 'undefined':
      return '';
    case 'object':
      if (value === null) return '';
      if (value instanceof WdlFloat) return formatDouble(value.value);
      if (value instanceof WdlDecimal) return value.toString();
      if (isContentEnvelope(value)) return envelopeText(value);
      return toJsonText(value);
    default:
      return '';
  }
}

/** Compact JSON text with .NET number formatting. */
export function toJsonText(value: unknown): string {
  const parts: string[] = [];
  writeJson(value, parts);
  return parts.join('');
}

function writeJson(value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      out.push(Number.isSafeInteger(value) ? String(value) : jsonFloat(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      out.push(value.toString());
      return;
    case 'object':
      break;
    default:
      out.push('null');
      return;
  }
  if (value === null) {
    out.push('null');
  } else if (value instanceof WdlFloat) {
    out.push(jsonFloat(value.value));
  } else if (value instanceof WdlDecimal) {
    const text = value.toString();
    out.push(text.includes('.') ? text : `${text}.0`);
  } else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      writeJson(value[i], out);
    }
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (item === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      writeJson(item, out);
    }
    out.push('}');
  }
}

/** A float in JSON text: Newtonsoft keeps a '.0' on integral values and quotes NaN/Infinity. */
function jsonFloat(value: number): string {
  if (!Number.isFinite(value)) return `"${formatDouble(value)}"`;
  const text = formatDouble(value);
  return /[.E]/.test(text) ? text : `${text}.0`;
}
