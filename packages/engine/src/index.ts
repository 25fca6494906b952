// @brook/engine — running a definition: scheduler over runAfter, action handlers, retries, checkpoints.
export {};
