// The usage ledger's event model and the mappings from telemetry and gateway logs into it.
export * from './event';
export * from './otel';
export * from './litellm';
export * from './observed';
export * from './observedClient';
