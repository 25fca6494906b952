// @brook/connectors — talking to services: auth schemes, OpenAPI connectors, the guarded HTTP client, secrets, error classification.
export {};
