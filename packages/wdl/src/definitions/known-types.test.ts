import { describe, expect, it } from 'vitest';
import { closestActionTypes, closestNames, closestTriggerTypes, editDistance, isKnownActionType, isKnownTriggerType } from './known-types.js';

describe('known types', () => {
  it('recognises types by their lower-case form', () => {
    expect(isKnownActionType('foreach')).toBe(true);
    expect(isKnownActionType('openapiconnection')).toBe(true);
    expect(isKnownActionType('condition')).toBe(false);
    expect(isKnownTriggerType('recurrence')).toBe(true);
    expect(isKnownTriggerType('compose')).toBe(false);
  });

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('offers the nearest names, best first, and nothing far away', () => {
    expect(closestNames('Comopse', ['Compose', 'Http', 'Scope'])[0]).toBe('Compose');
    expect(closestNames('Sucess', ['Succeeded', 'Failed', 'Skipped', 'TimedOut'])).toEqual(['Succeeded']);
    expect(closestNames('Xylophone', ['Compose', 'Http'])).toEqual([]);
  });

  it('counts two swapped letters as one edit, and offers short words only one edit away', () => {
    expect(editDistance('htpp', 'http')).toBe(1);
    expect(closestActionTypes('Htpp')).toContain('Http');
    expect(closestActionTypes('Nope')).toEqual([]);
    expect(closestActionTypes('Wiat')).toContain('Wait');
  });

  it('maps designer words to the types they stand for', () => {
    expect(closestActionTypes('Condition')[0]).toBe('If');
    expect(closestActionTypes('Apply to each')[0]).toBe('Foreach');
    expect(closestActionTypes('Delay')[0]).toBe('Wait');
    expect(closestTriggerTypes('Reccurence')).toContain('Recurrence');
  });

  it('offers only type names for words that are also object members', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const suggestion of closestActionTypes(word)) expect(typeof suggestion).toBe('string');
    }
  });
});
