// @brook/server — Fastify: REST API, webhook triggers, sessions, schedules, notifications; serves the portal.
export {};
