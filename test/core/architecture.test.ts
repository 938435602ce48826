import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('core architecture', () => {
  it('bundles for a web worker with no Node built-ins', async function () {
    // Core carries the tokenizer rank data (~4.5 MB of source): bundling it takes over a second on a busy machine.
    this.timeout(20_000);
    const result = await build({
      entryPoints: ['core/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(
      inputs.every((input) => !input.startsWith('node:')),
      'core pulls in a Node built-in',
    );
  });

  it('never imports a front end platform', () => {
    const offenders = sourceFiles('core').filter((file) =>
      /from\s+['"](vscode|@slack\/[^'"]+)['"]/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((file) => relative('.', file)),
      [],
    );
  });

  it('keeps Node-only code behind core/node', () => {
    const offenders = sourceFiles('core')
      .filter((file) => !relative('core', file).startsWith('node'))
      .filter((file) =>
        /from\s+['"](node:[^'"]+|fs|path|os|child_process|http|https|crypto)['"]/.test(readFileSync(file, 'utf8')),
      );
    assert.deepEqual(
      offenders.map((file) => relative('.', file)),
      [],
    );
  });
});
