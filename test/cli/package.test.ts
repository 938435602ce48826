// The CLI as a user installs it: `npm pack ./cli`, `npm install -g` of the tarball into a temporary prefix with no
// registry, then `tokenwise` run from a folder outside the repository.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIO } from '../../cli/io';
import { runCli } from '../../cli/main';
import cliManifest from '../../cli/package.json';

const ROOT = join(__dirname, '..', '..');

describe('the tokenwise npm package', function () {
  this.timeout(120_000);
  let dir: string;
  let bin: string;
  let project: string;
  let tarballManifest: Record<string, unknown>;

  const npm = (args: string[], cwd: string) => {
    const run = spawnSync('npm', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
    assert.equal(run.status, 0, `npm ${args.join(' ')}\n${run.stdout}\n${run.stderr}`);
    return run.stdout;
  };
  // Only the installed package: no PATH entry or node_modules of this repository can stand in for it.
  const tokenwise = (args: string[]) =>
    spawnSync(bin, args, {
      cwd: project,
      encoding: 'utf8',
      env: {
        PATH: `${join(dir, 'prefix', 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`,
        HOME: dir,
        XDG_CACHE_HOME: join(dir, 'cache'),
      },
    });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-package-'));
    npm(['pack', './cli', '--pack-destination', dir], ROOT);
    const tarball = readdirSync(dir).find((name) => /^tokenwise-.*\.tgz$/.test(name));
    assert.ok(tarball, `no tokenwise-*.tgz in ${readdirSync(dir).join(', ')}`);
    npm(['install', '-g', '--offline', '--prefix', join(dir, 'prefix'), join(dir, tarball)], dir);
    bin = join(dir, 'prefix', 'bin', 'tokenwise');
    tarballManifest = JSON.parse(
      spawnSync('tar', ['-xOzf', join(dir, tarball), 'package/package.json'], { encoding: 'utf8' }).stdout,
    );
    project = join(dir, 'project');
    mkdirSync(join(project, '.git'), { recursive: true });
    writeFileSync(
      join(project, 'app.ts'),
      `import OpenAI from 'openai';
const client = new OpenAI();
export const reply = (question: string) =>
  client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You answer billing questions for Acme in two sentences.' }, { role: 'user', content: question }] });
`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has no runtime dependencies: the bundle carries everything', () => {
    assert.equal(tarballManifest.dependencies, undefined);
    assert.equal(tarballManifest.optionalDependencies, undefined);
    assert.deepEqual(tarballManifest.bin, { tokenwise: 'dist/tokenwise.js' });
  });

  it('prints its version', () => {
    const run = tokenwise(['--version']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${cliManifest.version}\n`);
  });

  it('carries every command the CLI has', async () => {
    let help = '';
    const io: CliIO = {
      stdout: (t) => void (help += t),
      stderr: () => {},
      readStdin: async () => '',
      isTTY: false,
      cwd: ROOT,
    };
    await runCli(['--help'], io);
    const run = tokenwise(['--help']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, help);
  });

  it('audits a folder outside the repository', () => {
    const run = tokenwise(['audit', '.', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.version, cliManifest.version);
    assert.deepEqual(
      report.files.map((file: { file: string }) => file.file),
      ['app.ts'],
    );
    assert.equal(report.files[0].prompts[0].model, 'gpt-4o');
  });
});
