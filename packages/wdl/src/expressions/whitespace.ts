// Whitespace as .NET's Char.IsWhiteSpace defines it: the service skips these between
// tokens and trim() removes them. (JavaScript's \s differs: it has U+FEFF, lacks U+0085.)

export function isDotNetWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** String.prototype.trim with .NET's whitespace set. */
export function trimDotNet(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDotNetWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isDotNetWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
