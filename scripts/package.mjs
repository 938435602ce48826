// `npm run package`: production bundles, then the .vsix (dist/tokenwise.vsix) with vsce. The marketplace README
// lives in extension/README.md; its relative image links resolve against TOKENWISE_IMAGES_URL (the raw-file URL of
// the published repository), since the manifest names no repository.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const imagesUrl = process.env.TOKENWISE_IMAGES_URL ?? 'https://raw.githubusercontent.com/tokenwise/tokenwise/main';
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, ['scripts/build.mjs', '--production']);
run('node_modules/.bin/vsce', [
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--readme-path',
  'extension/README.md',
  '--baseImagesUrl',
  imagesUrl,
  '--out',
  'dist/tokenwise.vsix',
]);
console.log(`dist/tokenwise.vsix: ${(statSync('dist/tokenwise.vsix').size / 1024 / 1024).toFixed(2)} MB`);
