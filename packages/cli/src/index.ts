// @brook/cli — the `brook` command.
export {};
