// Tables of the run engine: flows, flow versions, runs, action records, timers.
// Times are epoch milliseconds (bigint); JSON is text; booleans are 0/1 integers.

export interface FlowsTable {
  id: string;
  name: string;
  description: string;
  owner_id: string | null;
  /** 0/1 */
  enabled: number;
  /** 1-based number of the version that new runs use. */
  current_version: number;
  created_at: number;
  updated_at: number;
}

export interface FlowVersionsTable {
  flow_id: string;
  version: number;
  /** The WDL definition (JSON). */
  definition: string;
  /** Version of the stored definition format, so it can be upgraded later. */
  schema_version: number;
  /** Connection reference name → connection id (JSON object): what this version calls services with. */
  connections: string;
  created_at: number;
  created_by: string | null;
}

export interface RunsTable {
  id: string;
  flow_id: string;
  flow_version: number;
  /** Waiting | Running | Succeeded | Failed | Cancelled | TimedOut | Skipped */
  status: string;
  trigger_name: string;
  trigger_outputs: string;
  outputs: string | null;
  response: string | null;
  /** ClassifiedError (JSON) */
  error: string | null;
  /** The error's category, for filtering. */
  error_category: string | null;
  failed_action: string | null;
  /** JSON array of connection ids whose calls failed. */
  connection_ids: string;
  /** JSON object: lower-cased name → { name, type, value }. */
  variables: string;
  client_tracking_id: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  resubmitted_from: string | null;
  resubmit_mode: string | null;
  resubmit_from_action: string | null;
  parent_run_id: string | null;
  parent_action_key: string | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  cancel_requested: number;
  /** 0/1: sleeping on a timer or a callback, not claimable. */
  suspended: number;
  wake_at: number | null;
}

export interface ActionRecordsTable {
  run_id: string;
  /** Action name plus `#i.j` for the iteration path: unique in the run. */
  key: string;
  name: string;
  type: string;
  /** JSON array of enclosing container names. */
  scope_path: string;
  /** Iteration path as dotted indexes ('' outside loops). */
  iteration_path: string;
  /** Innermost iteration index, null outside loops. */
  iteration: number | null;
  status: string;
  code: string | null;
  inputs: string | null;
  outputs: string | null;
  error: string | null;
  attempts: string;
  started_at: number | null;
  ended_at: number | null;
  connection_id: string | null;
  resubmitted: number;
  tracked_properties: string | null;
  seq: number;
  state: string | null;
}

/** Timers: a suspended run's wake-up (delays, retries due, webhook timeouts) and recurrence schedules. */
export interface TimersTable {
  /** `wake:<runId>` or `schedule:<flowId>:<trigger>`. */
  key: string;
  /** wake | schedule */
  kind: string;
  run_id: string | null;
  flow_id: string | null;
  trigger_name: string | null;
  fire_at: number;
}

export interface EngineTables {
  flows: FlowsTable;
  flow_versions: FlowVersionsTable;
  runs: RunsTable;
  action_records: ActionRecordsTable;
  timers: TimersTable;
}
