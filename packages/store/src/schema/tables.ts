// The Kysely view of every table. Engine tables (flows, runs, action records, timers)
// are declared in engine.ts; platform tables (accounts, connections, notifications,
// audit, jobs) in platform.ts. Times are epoch milliseconds (integer / bigint); JSON is
// stored as text in both dialects.
import type { EngineTables } from './engine.js';
import type { PlatformTables } from './platform.js';

export interface BrookTables extends EngineTables, PlatformTables {}
