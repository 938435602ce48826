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
  // it uses no Node API — so the .vsix carries the tokenizer data once.
  {
    entryPoints: ['extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    // The Node host starts its worker through node:worker_threads; the web host never asks for it.
    external: ['vscode', 'node:worker_threads'],
  },
  // Its worker (extension/engine.ts): audits and token counts off the extension host's thread, one classic-script
  // bundle for Node's worker_threads and the browser's Web Worker alike.
  {
    entryPoints: ['extension/engineWorker.ts'],
    outfile: 'dist/engineWorker.js',
    platform: 'browser',
    format: 'iife',
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
