// Bundles every front end into dist/. Each entry names its platform so core is proven to bundle for each.
import { build } from 'esbuild';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * Keeps the parser out of the host's bundle: core's extraction module comes along with core's public entry, but the
 * host never extracts (the worker does), so the parser is replaced by a stand-in that fails loudly if called.
 */
const parserInWorkerOnly = {
  name: 'parser-in-worker-only',
  setup(build) {
    build.onResolve({ filter: /^@babel\/parser$/ }, (args) => ({ path: args.path, namespace: 'parser-in-worker-only' }));
    build.onLoad({ filter: /.*/, namespace: 'parser-in-worker-only' }, () => ({
      contents: `exports.parse = () => { throw new Error("the parser is in the analysis worker's bundle only"); };`,
      loader: 'js',
    }));
  },
};

const entries = [
  {
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // VS Code extension: one browser-platform bundle serves the desktop (Node) and web-worker extension hosts alike —
  // it uses no Node API. The tokenizer (its rank data) and the parser are left to the worker's bundle below: the host
  // asks the worker, or loads that bundle, for anything needing them, so its own bundle stays small and loads fast,
  // and the .vsix carries them once.
  {
    entryPoints: ['extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    // The Node host starts its worker through node:worker_threads; the web host never asks for it.
    external: ['vscode', 'node:worker_threads'],
    plugins: [parserInWorkerOnly],
  },
  // Its worker (extension/engine.ts): audits and token counts off the extension host's thread. CommonJS, so the
  // host can also load it into itself; the Web Worker gets a CommonJS shim around it.
  {
    entryPoints: ['extension/engineWorker.ts'],
    outfile: 'dist/engineWorker.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['node:worker_threads'],
  },
  // Slack bot: native SQLite binding and pg's optional native driver stay outside the bundle.
  {
    entryPoints: ['slackbot/main.ts'],
    outfile: 'dist/slackbot.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native'],
  },
];

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
