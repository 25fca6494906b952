// Tables of the run engine: flows, flow versions, runs, action records, timers.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EngineTables {}
