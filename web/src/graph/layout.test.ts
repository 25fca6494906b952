import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutGraph, runAfterLabel, type GraphLayout, type PlacedNode } from './layout';
import { readGraphModel } from './model';
import type { ActionDefinition, WorkflowDefinition } from '../api/types';

const http = (runAfter: Record<string, string[]> = {}): ActionDefinition => ({ type: 'Http', inputs: {}, runAfter });

function node(layout: GraphLayout, id: string): PlacedNode {
  const found = layout.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} in ${layout.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

const inside = (inner: PlacedNode, outer: PlacedNode) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

const overlaps = (a: PlacedNode, b: PlacedNode) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layoutGraph', () => {
  it('stacks a chain under its trigger, one layer per runAfter step', () => {
    const layout = layoutGraph(
      readGraphModel({
        triggers: { manual: { type: 'Request' } },
        actions: { Get: http(), Transform: http({ Get: ['Succeeded'] }), Send: http({ Transform: ['Succeeded'] }) },
      }),
    );
    const [trigger, get, transform, send] = ['trigger:manual', 'Get', 'Transform', 'Send'].map((id) => node(layout, id));
    expect(trigger!.y).toBeLessThan(get!.y);
    expect(get!.y).toBeLessThan(transform!.y);
    expect(transform!.y).toBeLessThan(send!.y);
    expect(new Set([trigger!.x, get!.x, transform!.x, send!.x]).size).toBe(1);
    expect(layout.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['trigger:manual->Get', 'Get->Transform', 'Transform->Send']);
  });

  it('puts parallel actions side by side and labels edges that run after a failure', () => {
    const layout = layoutGraph(
      readGraphModel({
        triggers: { manual: { type: 'Request' } },
        actions: {
          Fetch: http(),
          Notify: http({ Fetch: ['Failed', 'TimedOut'] }),
          Store: http({ Fetch: ['Succeeded'] }),
          Done: http({ Notify: ['Succeeded', 'Skipped'], Store: ['Succeeded', 'Skipped'] }),
        },
      }),
    );
    const notify = node(layout, 'Notify');
    const store = node(layout, 'Store');
    expect(notify.y).toBe(store.y);
    expect(overlaps(notify, store)).toBe(false);
    expect(node(layout, 'Done').y).toBeGreaterThan(notify.y);
    expect(layout.edges.find((e) => e.id === 'Fetch->Notify')?.label).toBe('Failed, TimedOut');
    expect(layout.edges.find((e) => e.id === 'Fetch->Store')?.label).toBeNull();
  });

  it('draws containers as boxes that hold their branches', () => {
    const layout = layoutGraph(
      readGraphModel({
        triggers: { manual: { type: 'Request' } },
        actions: {
          Check: {
            type: 'If',
            expression: true,
            actions: { Approve: http() },
            else: { actions: { Reject: http(), Log: http({ Reject: ['Succeeded'] }) } },
          },
          Each: { type: 'Foreach', foreach: '@body', actions: { Inner: { type: 'Scope', actions: { Deep: http() } } }, runAfter: { Check: ['Succeeded'] } },
        },
      }),
    );
    const check = node(layout, 'Check');
    expect(check.kind).toBe('container');
    for (const id of ['Approve', 'Reject', 'Log']) expect(inside(node(layout, id), check)).toBe(true);
    expect(layout.branches.filter((b) => b.id.startsWith('Check#')).map((b) => b.label)).toEqual(['True', 'False']);
    expect(node(layout, 'Approve').y).toBe(node(layout, 'Reject').y);
    expect(inside(node(layout, 'Deep'), node(layout, 'Inner'))).toBe(true);
    expect(inside(node(layout, 'Inner'), node(layout, 'Each'))).toBe(true);
    expect(node(layout, 'Deep').depth).toBe(2);
    expect(node(layout, 'Each').y).toBeGreaterThanOrEqual(check.y + check.height);
  });

  it('keeps what a named branch holds clear of its frame, so nested boxes never share a border', () => {
    const layout = layoutGraph(
      readGraphModel({
        actions: {
          Check: {
            type: 'If',
            expression: true,
            actions: { Loop: { type: 'Until', expression: true, actions: { Each: { type: 'Foreach', foreach: '@x', actions: { Step: http() } } } } },
            else: { actions: { Log: http() } },
          },
        },
      }),
    );
    const frame = layout.branches.find((b) => b.id === 'Check#0')!;
    const loop = node(layout, 'Loop');
    expect(loop.x).toBeGreaterThan(frame.x);
    expect(loop.x + loop.width).toBeLessThan(frame.x + frame.width);
    expect(loop.y).toBeGreaterThan(frame.y);
    expect(loop.y + loop.height).toBeLessThan(frame.y + frame.height);
    const log = node(layout, 'Log');
    const otherFrame = layout.branches.find((b) => b.id === 'Check#1')!;
    expect(log.x).toBeGreaterThan(otherFrame.x);
    expect(log.x + log.width).toBeLessThan(otherFrame.x + otherFrame.width);
  });

  it('gives every Switch case a branch, and the default one', () => {
    const layout = layoutGraph(
      readGraphModel({
        actions: { Route: { type: 'Switch', expression: '@x', cases: { gold: { case: 'gold', actions: { VIP: http() } }, two: { case: 2 } }, default: { actions: {} } } },
      }),
    );
    expect(layout.branches.map((b) => [b.label, b.empty])).toEqual([
      ['Case "gold"', false],
      ['Case 2', true],
      ['Default', true],
    ]);
  });

  it('names runAfter conditions in the words of the portal', () => {
    expect(runAfterLabel(['Succeeded'])).toBeNull();
    expect(runAfterLabel([])).toBeNull();
    expect(runAfterLabel(['FAILED', 'timedout'])).toBe('Failed, TimedOut');
    expect(runAfterLabel(['Succeeded', 'Failed', 'Skipped', 'TimedOut'])).toBe('Always');
  });

  it('survives a runAfter cycle and names that point nowhere', () => {
    const layout = layoutGraph(readGraphModel({ actions: { A: http({ B: ['Succeeded'] }), B: http({ A: ['Succeeded'] }), C: http({ Missing: ['Succeeded'] }) } }));
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(['A', 'B', 'C']);
  });

  it('never lets cards of one lane overlap, and keeps children inside their container (any DAG)', () => {
    const definitions = fc
      .array(fc.tuple(fc.boolean(), fc.array(fc.nat(20), { maxLength: 3 })), { minLength: 1, maxLength: 14 })
      .map((specs): WorkflowDefinition => {
        const actions: Record<string, ActionDefinition> = {};
        const scope: Record<string, ActionDefinition> = {};
        specs.forEach(([inScope, preds], index) => {
          const target = inScope ? scope : actions;
          const earlier = Object.keys(target);
          const runAfter = Object.fromEntries(preds.filter((p) => p < earlier.length).map((p) => [earlier[p]!, ['Succeeded']]));
          target[`A${index}`] = http(runAfter);
        });
        actions.Box = { type: 'Scope', actions: scope };
        return { triggers: { t: { type: 'Request' } }, actions };
      });
    fc.assert(
      fc.property(definitions, (definition) => {
        const layout = layoutGraph(readGraphModel(definition));
        const box = node(layout, 'Box');
        const top = layout.nodes.filter((n) => n.depth === 0);
        const inner = layout.nodes.filter((n) => n.depth === 1);
        for (const n of inner) expect(inside(n, box)).toBe(true);
        for (const group of [top, inner])
          for (const a of group) for (const b of group) if (a !== b) expect(overlaps(a, b)).toBe(false);
        for (const n of layout.nodes) {
          expect(n.x).toBeGreaterThanOrEqual(0);
          expect(n.x + n.width).toBeLessThanOrEqual(layout.width + 0.001);
          expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 0.001);
        }
      }),
      { numRuns: 150 },
    );
  });
});
