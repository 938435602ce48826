// The CLI's npm package (cli/package.json; `npm pack ./cli` runs this first): one minified bundle of cli/main.ts
// holding every command and everything they import, so the package has no runtime dependencies at all.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { common, entries } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { name, outfile, ...cli } = entries.find((entry) => entry.name === 'cli');

mkdirSync(`${root}cli/dist`, { recursive: true });
await build({
  ...common,
  ...cli,
  absWorkingDir: root,
  outfile: 'cli/dist/tokenwise.js',
  sourcemap: false,
  minify: true,
});
copyFileSync(`${root}LICENSE`, `${root}cli/dist/LICENSE`);
