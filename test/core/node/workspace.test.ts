import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listWorkspaceFiles, walkWorkspace, type WorkspaceEntry } from '../../../core/node';

describe('workspace walking', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tokenwise-walk-'));
    const write = (path: string, content: string | Uint8Array) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    write('src/app.ts', 'const prompt = `hi`;');
    write('src/generated/out.ts', 'x');
    write('node_modules/pkg/index.js', 'x');
    write('dist/cli.js', 'x');
    write('.git/HEAD', 'x');
    write('prompts/a.prompt', 'Hello');
    write('logs/debug.log', 'x');
    write('.gitignore', '# generated\nsrc/generated/\n*.log\n!keep.log\n');
    write('keep.log', 'kept by negation');
    write('image.png', new Uint8Array([137, 80, 78, 71, 0, 0, 0, 13]));
    write('big.txt', 'a'.repeat(3 * 1024 * 1024));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const collect = (paths: string[], include?: (path: string) => boolean): WorkspaceEntry[] => [
    ...walkWorkspace(paths, { cwd: root, include }),
  ];

  it('skips default folders and .gitignore matches, honours negation, in a stable order', () => {
    const { files } = listWorkspaceFiles(['.'], { cwd: root });
    const relative = files.map((file) => file.slice(root.length + 1));
    assert.deepEqual(relative, ['.gitignore', 'big.txt', 'image.png', 'keep.log', 'prompts/a.prompt', 'src/app.ts']);
  });

  it('reads text files and reports binary and huge files as skips, never throwing', () => {
    const entries = collect(['.']);
    const byPath = new Map(entries.map((entry) => [entry.relativePath, entry]));
    assert.equal(byPath.get('src/app.ts')?.kind, 'file');
    const app = byPath.get('src/app.ts');
    assert.ok(app?.kind === 'file' && app.text === 'const prompt = `hi`;');
    const image = byPath.get('image.png');
    assert.ok(image?.kind === 'skipped' && /binary/.test(image.reason));
    const big = byPath.get('big.txt');
    assert.ok(big?.kind === 'skipped' && /3\.0 MiB is over the 2\.0 MiB limit/.test(big.reason));
  });

  it('filters by the include predicate and reads an explicitly named ignored file', () => {
    const entries = collect(['.', 'dist/cli.js'], (path) => path.endsWith('.ts') || path.endsWith('.js'));
    assert.deepEqual(
      entries.map((entry) => entry.relativePath),
      ['src/app.ts', 'dist/cli.js'],
    );
  });

  it('reports a missing path as a skip', () => {
    const entries = collect(['nope']);
    assert.equal(entries.length, 1);
    assert.ok(entries[0]!.kind === 'skipped' && /no such file/.test(entries[0]!.reason));
  });
});
