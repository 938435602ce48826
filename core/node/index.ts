// Node-only helpers of core (files, caches, workspace walking) for the CLI, the bot and the desktop extension.
export * from '../index';
export * from './policyFile';
export * from './workspace';
export * from './prices';
export * from './git';
