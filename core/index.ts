// tokenwise core: the public entry point for every front end. Everything exported here is pure TypeScript that
// also runs in a web worker (vscode.dev); Node-only helpers live behind `core/node`.
export * from './usage';

export * from './tokens';
export * from './budget';
export * from './policy';
export * from './pricing';
export * from './models';
export * from './extract';
export * from './recommend';
export * from './estimate';
export * from './audit';
export { editDistance } from './editDistance';
export * from './diff';
