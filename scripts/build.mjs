// Bundles every front end into dist/. Each entry names its platform so core is proven to bundle for each.
// `node scripts/build.mjs [--production] [NAME…]` builds the named entries (cli, extension, engineWorker, slackbot),
// or all of them.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const production = process.argv.includes('--production');

export const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const coreDir = fileURLToPath(new URL('../core/', import.meta.url));

/**
 * Lets the host's bundle leave out every module of core it never calls into. Core's modules build their tables at
 * load (the price data, the policy schema with zod, the parser's options), which esbuild must otherwise keep as
 * possible side effects; none has an effect beyond its exports. So the host's bundle holds the few helpers it uses,
 * and the worker's bundle (which calls the rest) everything else.
 */
const coreWithoutSideEffects = {
  name: 'core-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === coreWithoutSideEffects) return undefined;
      const { kind, importer, resolveDir } = args;
      const resolved = await build.resolve(args.path, {
        kind,
        importer,
        resolveDir,
        pluginData: coreWithoutSideEffects,
      });
      if (resolved.errors.length > 0 || !resolved.path.startsWith(coreDir)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

export const entries = [
  {
    name: 'cli',
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // VS Code extension: one browser-platform bundle serves the desktop (Node) and web-worker extension hosts alike —
  // it uses no Node API. The tokenizer (its rank data), the parser, the price data and the policy file's parser and
  // schema are left to the worker's bundle below: the host asks the worker, or loads that bundle, for anything
  // needing them, so its own bundle stays small and loads fast, and the .vsix carries them once.
  {
    name: 'extension',
    entryPoints: ['extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    // The Node host starts its worker through node:worker_threads; the web host never asks for it.
    external: ['vscode', 'node:worker_threads'],
    plugins: [coreWithoutSideEffects],
  },
  // Its worker (extension/engineWorker.ts): audits, token counts, prices and the policy file off the extension host's thread. CommonJS, so the
  // host can also load it into itself; the Web Worker gets a CommonJS shim around it.
  {
    name: 'engineWorker',
    entryPoints: ['extension/engineWorker.ts'],
    outfile: 'dist/engineWorker.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['node:worker_threads'],
  },
  // Slack bot: native SQLite binding and pg's optional native driver stay outside the bundle.
  {
    name: 'slackbot',
    entryPoints: ['slackbot/main.ts'],
    outfile: 'dist/slackbot.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native'],
  },
];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !entries.some((entry) => entry.name === name));
  if (unknown.length > 0)
    throw new Error(`no build entry ${unknown.join(', ')}; entries: ${entries.map((e) => e.name).join(', ')}`);
  const chosen = names.length === 0 ? entries : entries.filter((entry) => names.includes(entry.name));
  await Promise.all(chosen.map(({ name, ...entry }) => build({ ...common, ...entry })));
}
