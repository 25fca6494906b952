import { describe, expect, it } from 'vitest';
import { listActions, walkActionTree } from './action-tree.js';

describe('the action tree', () => {
  it('lists every action in document order with where it sits', () => {
    const definition = {
      actions: {
        Scope: { type: 'Scope', actions: { Inner: { type: 'Compose' } } },
        Check: {
          type: 'If',
          expression: true,
          actions: { Yes: { type: 'Compose' } },
          else: { actions: { No: { type: 'Compose' } } },
        },
        Route: {
          type: 'switch',
          expression: '@1',
          cases: { 'Case a/b': { case: 1, actions: { One: { type: 'Compose' } } } },
          default: { actions: { Other: { type: 'Compose' } } },
        },
        Loop: { type: 'Foreach', foreach: '@createArray()', actions: { Each: { type: 'Compose' } } },
        Again: { type: 'Until', expression: '@true', actions: { Step: { type: 'Compose' } } },
      },
    };
    expect(listActions(definition)).toEqual([
      { name: 'Scope', path: '/actions/Scope', type: 'Scope', parentName: null, containerKey: 'actions' },
      { name: 'Inner', path: '/actions/Scope/actions/Inner', type: 'Compose', parentName: 'Scope', containerKey: 'actions' },
      { name: 'Check', path: '/actions/Check', type: 'If', parentName: null, containerKey: 'actions' },
      { name: 'Yes', path: '/actions/Check/actions/Yes', type: 'Compose', parentName: 'Check', containerKey: 'actions' },
      { name: 'No', path: '/actions/Check/else/actions/No', type: 'Compose', parentName: 'Check', containerKey: 'else/actions' },
      { name: 'Route', path: '/actions/Route', type: 'switch', parentName: null, containerKey: 'actions' },
      { name: 'One', path: '/actions/Route/cases/Case a~1b/actions/One', type: 'Compose', parentName: 'Route', containerKey: 'cases/Case a~1b/actions' },
      { name: 'Other', path: '/actions/Route/default/actions/Other', type: 'Compose', parentName: 'Route', containerKey: 'default/actions' },
      { name: 'Loop', path: '/actions/Loop', type: 'Foreach', parentName: null, containerKey: 'actions' },
      { name: 'Each', path: '/actions/Loop/actions/Each', type: 'Compose', parentName: 'Loop', containerKey: 'actions' },
      { name: 'Again', path: '/actions/Again', type: 'Until', parentName: null, containerKey: 'actions' },
      { name: 'Step', path: '/actions/Again/actions/Step', type: 'Compose', parentName: 'Again', containerKey: 'actions' },
    ]);
  });

  it('records depth and ancestors for placement rules', () => {
    const tree = walkActionTree({ actions: { A: { type: 'Scope', actions: { B: { type: 'Foreach', actions: { C: { type: 'Compose' } } } } } } });
    const c = tree.actions.find((entry) => entry.name === 'C')!;
    expect(c.depth).toBe(2);
    expect(c.ancestors).toEqual([{ name: 'A', type: 'Scope' }, { name: 'B', type: 'Foreach' }]);
    expect(c.containerPath).toBe('/actions/A/actions/B/actions');
  });

  it('does not treat the actions member of a non-container as nested actions', () => {
    expect(listActions({ actions: { Compose: { type: 'Compose', actions: { Hidden: { type: 'Compose' } } } } }).map((entry) => entry.name)).toEqual(['Compose']);
  });

  it('lists nothing for input that is not a definition, without throwing', () => {
    for (const input of [null, 42, 'text', [], { actions: 'x' }, { actions: [1, 2] }]) expect(listActions(input)).toEqual([]);
  });
});
