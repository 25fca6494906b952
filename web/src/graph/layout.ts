// Brook's own graph layout: each branch is laid out in layers from top to bottom (an
// action sits one layer below the deepest action it runs after), each layer is centred,
// and a container is a box sized to hold its branches side by side. Pure: same model,
// same picture, so it is tested without a browser.
import type { GraphAction, GraphBranch, GraphModel, RunAfterLink } from './model';

export const CARD_WIDTH = 224;
export const CARD_HEIGHT = 60;
const GAP_X = 28;
const GAP_Y = 48;
const PADDING = 14;
export const HEADER_HEIGHT = 52;
const BRANCH_LABEL_HEIGHT = 26;
const EMPTY_BRANCH_HEIGHT = 40;
/** Room inside a labelled branch's frame, so a box nested in it never shares its border. */
const BRANCH_INSET = 10;

export type PlacedKind = 'trigger' | 'action' | 'container';

export interface PlacedNode {
  id: string;
  name: string;
  type: string;
  kind: PlacedKind;
  x: number;
  y: number;
  width: number;
  height: number;
  /** How many containers enclose it. */
  depth: number;
}

export interface PlacedBranch {
  id: string;
  label: string | null;
  empty: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  id: string;
  from: string;
  to: string;
  /** SVG path data from the bottom of `from` to the top of `to`. */
  path: string;
  /** The runAfter statuses when they are not just "Succeeded" (e.g. "Failed, TimedOut"). */
  label: string | null;
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  branches: PlacedBranch[];
  edges: PlacedEdge[];
}

interface Size {
  width: number;
  height: number;
}

/** Lays out a whole definition: the triggers on top, the actions below them. */
export function layoutGraph(model: GraphModel): GraphLayout {
  const out: GraphLayout = { width: 0, height: 0, nodes: [], branches: [], edges: [] };
  const triggerIds = model.triggers.map((trigger) => `trigger:${trigger.name}`);
  const entries: LaneEntry[] = model.triggers.map((trigger, index) => ({
    id: triggerIds[index] ?? trigger.name,
    name: trigger.name,
    type: trigger.type,
    kind: 'trigger' as const,
    size: { width: CARD_WIDTH, height: CARD_HEIGHT },
  }));
  const size = placeLane(entries, model.actions, 0, 0, 0, out);
  out.width = size.width;
  out.height = size.height;
  return out;
}

interface LaneEntry {
  id: string;
  name: string;
  type: string;
  kind: 'trigger';
  size: Size;
}

interface LaneItem {
  action: GraphAction | null;
  entry: LaneEntry | null;
  id: string;
  size: Size;
  layer: number;
  predecessors: { id: string; link: RunAfterLink | null }[];
}

const sizeCache = new WeakMap<GraphAction, Size>();

function actionSize(action: GraphAction): Size {
  const cached = sizeCache.get(action);
  if (cached) return cached;
  let size: Size = { width: CARD_WIDTH, height: CARD_HEIGHT };
  if (action.container) {
    const branchSizes = action.branches.map(branchSize);
    const inner = branchSizes.reduce((sum, s) => sum + s.width, 0) + GAP_X * Math.max(0, branchSizes.length - 1);
    const tallest = branchSizes.reduce((max, s) => Math.max(max, s.height), 0);
    size = { width: Math.max(CARD_WIDTH, inner + PADDING * 2), height: HEADER_HEIGHT + tallest + PADDING };
  }
  sizeCache.set(action, size);
  return size;
}

/** The label strip above a branch, and the inset around its lane (labelled branches only: a
 * Scope, Foreach or Until has one unnamed body that its box already frames). */
function branchFrame(branch: GraphBranch): { label: number; inset: number } {
  return branch.label === null ? { label: 0, inset: 0 } : { label: BRANCH_LABEL_HEIGHT, inset: BRANCH_INSET };
}

function branchSize(branch: GraphBranch): Size {
  const { label, inset } = branchFrame(branch);
  if (branch.actions.length === 0) return { width: CARD_WIDTH, height: label + EMPTY_BRANCH_HEIGHT };
  const lane = measureLane([], branch.actions);
  return { width: lane.width + inset * 2, height: label + lane.height + inset };
}

/** Places the actions of one branch (with optional entry cards on top) at (x, y). */
function placeLane(entries: LaneEntry[], actions: GraphAction[], x: number, y: number, depth: number, out: GraphLayout): Size {
  const { layers, width, height } = arrangeLane(entries, actions);
  let top = y;
  const placed = new Map<string, PlacedNode>();
  for (const layer of layers) {
    const layerHeight = layer.reduce((max, item) => Math.max(max, item.size.height), 0);
    let left = x + (width - layerWidth(layer)) / 2;
    for (const item of layer) {
      const node = placeItem(item, left, top, depth, out);
      placed.set(item.id, node);
      for (const predecessor of item.predecessors) {
        const from = placed.get(predecessor.id);
        if (from) out.edges.push(edgeBetween(from, node, predecessor.link));
      }
      left += item.size.width + GAP_X;
    }
    top += layerHeight + GAP_Y;
  }
  return { width, height };
}

function placeItem(item: LaneItem, x: number, y: number, depth: number, out: GraphLayout): PlacedNode {
  if (item.entry) {
    const node: PlacedNode = { id: item.id, name: item.entry.name, type: item.entry.type, kind: 'trigger', x, y, depth, ...item.size };
    out.nodes.push(node);
    return node;
  }
  const action = item.action as GraphAction;
  const node: PlacedNode = { id: item.id, name: action.name, type: action.type, kind: action.container ? 'container' : 'action', x, y, depth, ...item.size };
  out.nodes.push(node);
  if (action.container) placeBranches(action, node, depth + 1, out);
  return node;
}

function placeBranches(action: GraphAction, box: PlacedNode, depth: number, out: GraphLayout): void {
  const sizes = action.branches.map(branchSize);
  const inner = sizes.reduce((sum, s) => sum + s.width, 0) + GAP_X * Math.max(0, sizes.length - 1);
  let left = box.x + (box.width - inner) / 2;
  const top = box.y + HEADER_HEIGHT;
  action.branches.forEach((branch, index) => {
    const size = sizes[index] ?? { width: CARD_WIDTH, height: EMPTY_BRANCH_HEIGHT };
    const { label, inset } = branchFrame(branch);
    out.branches.push({ id: `${action.name}#${index}`, label: branch.label, empty: branch.actions.length === 0, x: left, y: top, width: size.width, height: size.height });
    if (branch.actions.length > 0) placeLane([], branch.actions, left + inset, top + label, depth, out);
    left += size.width + GAP_X;
  });
}

function measureLane(entries: LaneEntry[], actions: GraphAction[]): Size {
  const { width, height } = arrangeLane(entries, actions);
  return { width, height };
}

function layerWidth(layer: LaneItem[]): number {
  return layer.reduce((sum, item) => sum + item.size.width, 0) + GAP_X * Math.max(0, layer.length - 1);
}

/** Assigns layers from runAfter and orders each layer to keep edges short. */
function arrangeLane(entries: LaneEntry[], actions: GraphAction[]): { layers: LaneItem[][]; width: number; height: number } {
  const names = new Set(actions.map((action) => action.name));
  const items: LaneItem[] = [
    ...entries.map((entry) => ({ action: null, entry, id: entry.id, size: entry.size, layer: 0, predecessors: [] })),
    ...actions.map((action) => ({ action, entry: null, id: action.name, size: actionSize(action), layer: 0, predecessors: predecessorsOf(action, names, entries) })),
  ];
  const byId = new Map(items.map((item) => [item.id, item]));
  const layerOf = (item: LaneItem, visiting: Set<string>): number => {
    if (visiting.has(item.id)) return 0; // a runAfter cycle: validation reports it; draw it flat
    visiting.add(item.id);
    let layer = 0;
    for (const predecessor of item.predecessors) {
      const from = byId.get(predecessor.id);
      if (from) layer = Math.max(layer, layerOf(from, visiting) + 1);
    }
    visiting.delete(item.id);
    return layer;
  };
  for (const item of items) item.layer = layerOf(item, new Set());

  const layers: LaneItem[][] = [];
  for (const item of items) (layers[item.layer] ??= []).push(item);
  const dense = layers.filter((layer) => layer.length > 0);
  orderByBarycenter(dense);

  const width = Math.max(CARD_WIDTH, ...dense.map(layerWidth));
  const height = dense.reduce((sum, layer) => sum + Math.max(...layer.map((item) => item.size.height)), 0) + GAP_Y * Math.max(0, dense.length - 1);
  return { layers: dense, width, height };
}

function predecessorsOf(action: GraphAction, names: Set<string>, entries: LaneEntry[]): LaneItem['predecessors'] {
  const inLane = action.runAfter.filter((link) => names.has(link.name) && link.name !== action.name);
  if (inLane.length > 0) return inLane.map((link) => ({ id: link.name, link }));
  // An action with nothing to run after starts the branch: in the top lane, after the trigger.
  return entries.map((entry) => ({ id: entry.id, link: null }));
}

function orderByBarycenter(layers: LaneItem[][]): void {
  const position = new Map<string, number>();
  layers.forEach((layer, depth) => {
    if (depth > 0) {
      const score = (item: LaneItem) => {
        const known = item.predecessors.map((p) => position.get(p.id)).filter((p): p is number => p !== undefined);
        return known.length ? known.reduce((a, b) => a + b, 0) / known.length : Number.MAX_SAFE_INTEGER;
      };
      const scored = layer.map((item, index) => ({ item, index, score: score(item) }));
      scored.sort((a, b) => a.score - b.score || a.index - b.index);
      layer.splice(0, layer.length, ...scored.map((s) => s.item));
    }
    layer.forEach((item, index) => position.set(item.id, index - (layer.length - 1) / 2));
  });
}

function edgeBetween(from: PlacedNode, to: PlacedNode, link: RunAfterLink | null): PlacedEdge {
  const x1 = from.x + from.width / 2;
  const y1 = from.y + from.height;
  const x2 = to.x + to.width / 2;
  const y2 = to.y;
  const bend = Math.max(18, (y2 - y1) / 2);
  const path = `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`;
  // The label sits past the middle, towards its target, so labels of edges that fan out
  // from one action do not land on each other.
  const t = 0.66;
  const u = 1 - t;
  const labelX = u * u * u * x1 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x2;
  const labelY = u * u * u * y1 + 3 * u * u * t * (y1 + bend) + 3 * u * t * t * (y2 - bend) + t * t * t * y2;
  return { id: `${from.id}->${to.id}`, from: from.id, to: to.id, path, label: runAfterLabel(link?.statuses ?? []), labelX, labelY };
}

const STATUS_WORDS: Record<string, string> = { succeeded: 'Succeeded', failed: 'Failed', skipped: 'Skipped', timedout: 'TimedOut' };

/** No label for the usual "after it succeeded"; "Always" when every outcome is listed. */
export function runAfterLabel(statuses: string[]): string | null {
  const words = [...new Set(statuses.map((status) => STATUS_WORDS[status.toLowerCase()] ?? status))];
  if (words.length === 0 || (words.length === 1 && words[0] === 'Succeeded')) return null;
  if (['Succeeded', 'Failed', 'Skipped', 'TimedOut'].every((word) => words.includes(word))) return 'Always';
  return words.join(', ');
}
