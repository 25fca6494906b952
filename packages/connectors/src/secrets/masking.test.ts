import { describe, expect, it } from 'vitest';
import { LOG_REDACTION, MASK, maskSecrets, maskText, sensitiveValues } from './masking.js';

describe('masking recorded values', () => {
  it('masks credential headers whatever their case', () => {
    const recorded = {
      method: 'GET',
      headers: { Authorization: 'Basic YWxpY2U6cHc=', 'Proxy-Authorization': 'x', cookie: 'sid=1', 'X-API-Key': 'k', 'Ocp-Apim-Subscription-Key': 'k2', Accept: 'application/json' },
    };
    expect(maskSecrets(recorded)).toEqual({
      method: 'GET',
      headers: { Authorization: MASK, 'Proxy-Authorization': MASK, cookie: MASK, 'X-API-Key': MASK, 'Ocp-Apim-Subscription-Key': MASK, Accept: 'application/json' },
    });
    expect(recorded.headers.Authorization).toBe('Basic YWxpY2U6cHc='); // the input is not changed
  });

  it('masks declared sensitive fields by name anywhere or by path from the root', () => {
    const value = { body: { pin: '1234', nested: [{ pin: '9' }], token: 'abc', profile: { token: 'keep' } } };
    expect(maskSecrets(value, { sensitiveFields: ['pin', 'body/profile/token'] })).toEqual({
      body: { pin: MASK, nested: [{ pin: MASK }], token: 'abc', profile: { token: MASK } },
    });
  });

  it('masks the literal secret values of the connection wherever they appear', () => {
    const value = {
      uri: 'https://api.example.test/v1/live?base=EUR&api_key=k-123456',
      body: 'invalid key k-123456 for user',
      list: ['k-123456'],
    };
    expect(maskSecrets(value, { secretValues: ['k-123456'] })).toEqual({
      uri: `https://api.example.test/v1/live?base=EUR&api_key=${MASK}`,
      body: `invalid key ${MASK} for user`,
      list: [MASK],
    });
  });

  it('masks user info and credential query parameters in URLs even without known values', () => {
    expect(maskText('calling https://alice:pw@host.test/a?access_token=xyz&page=2')).toBe(`calling https://${MASK}@host.test/a?access_token=${MASK}&page=2`);
  });

  it('masks secret-looking keys of OAuth token answers', () => {
    expect(maskSecrets({ access_token: 'a', refresh_token: 'r', expires_in: 3600, password: 'p' })).toEqual({
      access_token: MASK,
      refresh_token: MASK,
      expires_in: 3600,
      password: MASK,
    });
  });

  it('does not garble text with very short secrets, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: 'abc' };
    cyclic.self = cyclic;
    expect(maskSecrets(cyclic, { secretValues: ['a'] })).toEqual({ a: 'abc', self: '[circular]' });
  });

  it("judges a definition's flattened parameters by their last segment and as a path", () => {
    const parameters = { 'body/item/title': 'Pen', 'body/item/pin': '4711-9', 'body/owner/password': 'hunter22' };
    expect(maskSecrets(parameters, { sensitiveFields: ['pin'] })).toEqual({ 'body/item/title': 'Pen', 'body/item/pin': MASK, 'body/owner/password': MASK });
    expect(maskSecrets(parameters, { sensitiveFields: ['body/item/title'] })).toMatchObject({ 'body/item/title': MASK, 'body/item/pin': '4711-9' });
  });

  it('lists the values hidden by field name, so a copy kept elsewhere can hide them by value', () => {
    const call = { headers: { Authorization: 'Basic YWRhOnB3' }, body: { pin: '4711-9', short: 'abc', nested: { password: { old: 'hunter22', next: 'hunter23' } }, note: 'public' } };
    expect(sensitiveValues(call, { sensitiveFields: ['pin', 'short'] }).sort()).toEqual(['4711-9', 'Basic YWRhOnB3', 'hunter22', 'hunter23']);
    expect(sensitiveValues({ 'body/item/pin': 123456 }, { sensitiveFields: ['pin'] })).toEqual(['123456']);
  });

  it('gives pino a redaction list that covers request credentials', () => {
    expect(LOG_REDACTION.paths).toContain('req.headers.authorization');
    expect(LOG_REDACTION.censor).toBe(MASK);
  });
});
