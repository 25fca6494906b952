// Tables of the platform: users, sessions, API tokens, connections, notifications, audit, jobs.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlatformTables {}
