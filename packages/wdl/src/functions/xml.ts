import type { WdlFunction } from './registry.js';

/** Filled in as the category is built; library.ts gathers every category's list. */
export const xmlFunctions: WdlFunction[] = [];
