// Where in the tree an action runs: the iteration path of its enclosing loops, and the
// loops' current elements and indexes (item(), items('Loop'), iterationIndexes('Loop')).
export interface LoopPosition {
  name: string;
  index: number;
  /** Foreach: the current element. Until has none. */
  item?: unknown;
  hasItem: boolean;
}

export interface Frame {
  iterationPath: readonly number[];
  loops: readonly LoopPosition[];
}

export const ROOT_FRAME: Frame = { iterationPath: [], loops: [] };

export function iterationFrame(parent: Frame, loop: string, index: number, item?: { value: unknown }): Frame {
  return {
    iterationPath: [...parent.iterationPath, index],
    loops: [...parent.loops, { name: loop, index, item: item?.value, hasItem: item !== undefined }],
  };
}
