// .NET custom numeric format strings: 0 and # digit placeholders, '.', ',' (grouping, or
// scaling by 1000 before the point), % and ‰, E0/E+0/E-0 exponents, 'quoted' and "quoted"
// literals, \ escapes, and up to three ';' sections (positive; negative; zero).
// This follows the algorithm of .NET's NumberToStringFormat, so literals between digit
// placeholders ("(###) ###-####") work as they do in .NET.
import { roundBuffer, type DigitBuffer } from './number-format-digits.js';
import type { NumberCulture } from './number-format-cultures.js';

/** Start index of section 0, 1 (negative) or 2 (zero); an absent or empty section is section 0. */
function findSection(format: string, section: number): number {
  if (section === 0) return 0;
  let src = 0;
  let remaining = section;
  while (src < format.length) {
    const ch = format[src++];
    if (ch === "'" || ch === '"') {
      while (src < format.length && format[src++] !== ch);
    } else if (ch === '\\') {
      src++;
    } else if (ch === ';') {
      if (--remaining !== 0) continue;
      if (src < format.length && format[src] !== ';') return src;
      return 0;
    }
  }
  return 0;
}

interface SectionShape {
  digitCount: number;
  decimalPos: number;
  firstDigit: number;
  lastDigit: number;
  scientific: boolean;
  thousandSeps: boolean;
  scaleAdjust: number;
}

function measureSection(format: string, start: number): SectionShape {
  let digitCount = 0;
  let decimalPos = -1;
  let firstDigit = Number.MAX_SAFE_INTEGER;
  let lastDigit = 0;
  let scientific = false;
  let thousandPos = -1;
  let thousandCount = 0;
  let thousandSeps = false;
  let scaleAdjust = 0;
  let src = start;
  while (src < format.length) {
    const ch = format[src++];
    if (ch === ';') break;
    switch (ch) {
      case '#':
        digitCount++;
        break;
      case '0':
        if (firstDigit === Number.MAX_SAFE_INTEGER) firstDigit = digitCount;
        digitCount++;
        lastDigit = digitCount;
        break;
      case '.':
        if (decimalPos < 0) decimalPos = digitCount;
        break;
      case ',':
        if (digitCount > 0 && decimalPos < 0) {
          if (thousandPos >= 0) {
            if (thousandPos === digitCount) {
              thousandCount++;
              break;
            }
            thousandSeps = true;
          }
          thousandPos = digitCount;
          thousandCount = 1;
        }
        break;
      case '%':
        scaleAdjust += 2;
        break;
      case '‰':
        scaleAdjust += 3;
        break;
      case "'":
      case '"':
        while (src < format.length && format[src++] !== ch);
        break;
      case '\\':
        src++;
        break;
      case 'E':
      case 'e':
        if (format[src] === '0' || ((format[src] === '+' || format[src] === '-') && format[src + 1] === '0')) {
          while (++src < format.length && format[src] === '0');
          scientific = true;
        }
        break;
    }
  }
  if (decimalPos < 0) decimalPos = digitCount;
  if (thousandPos >= 0) {
    if (thousandPos === decimalPos) scaleAdjust -= thousandCount * 3;
    else thousandSeps = true;
  }
  return { digitCount, decimalPos, firstDigit, lastDigit, scientific, thousandSeps, scaleAdjust };
}

/** Positions (digit counts left of the point) after which a group separator goes. */
function separatorPositions(culture: NumberCulture, digitsToFormat: number): number[] {
  const positions: number[] = [];
  const sizes = culture.groupSizes;
  if (culture.groupSeparator === '' || sizes.length === 0) return positions;
  let index = 0;
  let size = sizes[0] ?? 3;
  let total = size;
  while (digitsToFormat > total && size !== 0) {
    positions.push(total);
    if (index < sizes.length - 1) size = sizes[++index] ?? size;
    total += size;
  }
  return positions;
}

export function formatCustom(buffer: DigitBuffer, format: string, culture: NumberCulture): string {
  let section = findSection(format, buffer.digits === '' ? 2 : buffer.negative ? 1 : 0);
  let shape: SectionShape;
  for (;;) {
    shape = measureSection(format, section);
    if (buffer.digits !== '') {
      buffer.scale += shape.scaleAdjust;
      roundBuffer(buffer, shape.scientific ? shape.digitCount : buffer.scale + shape.digitCount - shape.decimalPos);
      if (buffer.digits === '') {
        const zeroSection = findSection(format, 2);
        if (zeroSection !== section) {
          section = zeroSection;
          continue;
        }
      }
    } else {
      buffer.negative = false;
      buffer.scale = 0;
    }
    break;
  }
  const { decimalPos, digitCount, thousandSeps } = shape;
  const firstDigit = shape.firstDigit < decimalPos ? decimalPos - shape.firstDigit : 0;
  const lastDigit = shape.lastDigit > decimalPos ? decimalPos - shape.lastDigit : 0;
  let scientific = shape.scientific;
  let digPos = scientific ? decimalPos : Math.max(buffer.scale, decimalPos);
  let adjust = scientific ? 0 : buffer.scale - decimalPos;
  const digits = buffer.digits;
  let cur = 0;
  const separators = thousandSeps ? separatorPositions(culture, Math.max(firstDigit, digPos + Math.min(adjust, 0))) : [];
  let sepIndex = separators.length - 1;
  let out = '';
  const emitDigit = (d: string): void => {
    out += d;
    if (thousandSeps && digPos > 1 && sepIndex >= 0 && digPos === (separators[sepIndex] ?? -1) + 1) {
      out += culture.groupSeparator;
      sepIndex--;
    }
  };
  let decimalWritten = false;
  let src = section;
  while (src < format.length) {
    const ch = format[src++] ?? '';
    if (ch === ';') break;
    if (adjust > 0 && (ch === '#' || ch === '0' || ch === '.')) {
      // more integer digits than placeholders: write the extra ones first
      while (adjust > 0) {
        emitDigit(digits[cur++] ?? '0');
        digPos--;
        adjust--;
      }
    }
    switch (ch) {
      case '#':
      case '0': {
        let d = '';
        if (adjust < 0) {
          adjust++;
          d = digPos <= firstDigit ? '0' : '';
        } else {
          d = cur < digits.length ? (digits[cur++] ?? '') : digPos > lastDigit ? '0' : '';
        }
        if (d !== '') emitDigit(d);
        digPos--;
        break;
      }
      case '.':
        if (digPos !== 0 || decimalWritten) break;
        if (lastDigit < 0 || (decimalPos < digitCount && cur < digits.length)) {
          out += culture.decimalSeparator;
          decimalWritten = true;
        }
        break;
      case '‰':
        out += culture.perMilleSymbol;
        break;
      case '%':
        out += culture.percentSymbol;
        break;
      case ',':
        break;
      case "'":
      case '"':
        while (src < format.length && format[src] !== ch) out += format[src++];
        if (src < format.length) src++;
        break;
      case '\\':
        if (src < format.length) out += format[src++];
        break;
      case 'E':
      case 'e': {
        if (!scientific) {
          out += ch;
          if (format[src] === '+' || format[src] === '-') out += format[src++];
          while (format[src] === '0') out += format[src++];
          break;
        }
        let positiveSign = false;
        let minDigits = 0;
        if (format[src] === '0') minDigits++;
        else if (format[src] === '+' && format[src + 1] === '0') positiveSign = true;
        else if (!(format[src] === '-' && format[src + 1] === '0')) {
          out += ch;
          break;
        }
        while (++src < format.length && format[src] === '0') minDigits++;
        const exp = digits === '' ? 0 : buffer.scale - decimalPos;
        out += ch + (exp < 0 ? culture.negativeSign : positiveSign ? '+' : '') + String(Math.abs(exp)).padStart(Math.min(minDigits, 10), '0');
        scientific = false;
        break;
      }
      default:
        out += ch;
    }
  }
  if (buffer.negative && section === 0 && digits !== '') out = culture.negativeSign + out;
  return out;
}
