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
];

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
