import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('reference examples', () => {
  it.each([
    ["@uriHost('https://www.localhost.com:8080')", 'www.localhost.com'],
    ["@uriPath('https://www.contoso.com/catalog/shownew.htm?date=today')", '/catalog/shownew.htm'],
    ["@uriPathAndQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", '/catalog/shownew.htm?date=today'],
    ["@uriPort('https://www.localhost:8080')", 8080],
    ["@uriQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", '?date=today'],
    // The reference prints "http" for this https URI; the scheme is https.
    ["@uriScheme('https://www.contoso.com/catalog/shownew.htm?date=today')", 'https'],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });
});

describe('defaults and edge cases', () => {
  it.each([
    ["@uriPath('https://contoso.com')", '/'],
    ["@uriPathAndQuery('https://contoso.com')", '/'],
    ["@uriQuery('https://contoso.com/a')", ''],
    ["@uriPort('https://contoso.com')", 443],
    ["@uriPort('http://contoso.com/x')", 80],
    ["@uriPort('ftp://files.contoso.com')", 21],
    ["@uriPort('custom://host/x')", -1],
    ["@uriScheme('HTTP://CONTOSO.COM')", 'http'],
    ["@uriHost('https://user:pw@Contoso.COM/a')", 'contoso.com'],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('refuses relative or malformed URIs and non-strings', () => {
    expect(wdlError("@uriHost('/relative/path')").message).toContain("The 1st argument of 'uriHost' is not an absolute URI: '/relative/path'.");
    expect(wdlError("@uriPort('https://host:99999')").code).toBe('ArgumentValue');
    expect(wdlError('@uriPath(null)').code).toBe('ArgumentType');
  });
});
