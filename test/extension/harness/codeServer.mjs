// code-server (VS Code 1.100 server + web workbench) installed on first use into a git-ignored folder, and started
// on 127.0.0.1 with private state. A desktop VS Code cannot be downloaded on offline machines; code-server comes
// from the npm registry, and its bundled server-main.js hosts a real Node extension host.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = process.env.TOKENWISE_CHROMIUM ?? '/usr/bin/chromium';

const home = resolve('.vscode-test/code-server');
const serverMain = join(home, 'node_modules/code-server/lib/vscode/out/server-main.js');
const marker = join(home, '.installed');

// code-server's own postinstall runs nested `npm install`s in lib/vscode and lib/vscode/extensions. npm 11 blocks
// install scripts that no allowScripts field approves and rejects --allow-scripts in project installs, so the
// top-level install approves only argon2; the harness then approves each nested folder's native modules in that
// folder's package.json and runs code-server's postinstall itself.
const topLevelScripts = ['argon2'];

/** What the harness needs from the system, with the apt package that provides it. */
function missingSystemPackages() {
  const needs = [
    { apt: 'chromium', what: 'headless browser that loads the VS Code workbench', present: existsSync(CHROMIUM) },
    {
      apt: 'ripgrep',
      what: 'search binary code-server expects (replaces a GitHub download)',
      present: existsSync('/usr/bin/rg'),
    },
    {
      apt: 'libkrb5-dev',
      what: "headers for code-server's kerberos module",
      present: existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h'),
    },
    {
      apt: 'build-essential',
      what: 'C/C++ compiler for native modules',
      present: commandExists('g++') && commandExists('make'),
    },
    { apt: 'python3', what: 'node-gyp', present: commandExists('python3') },
  ];
  return needs.filter((n) => !n.present);
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function ensureSystem() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const list = missing.map((m) => `  - ${m.apt}: ${m.what}`).join('\n');
  throw new Error(
    `The extension tests need these system packages:\n${list}\n` +
      `Install them with: sudo apt-get install -y ${missing.map((m) => m.apt).join(' ')}` +
      (missing.some((m) => m.apt === 'chromium')
        ? `\n(or point TOKENWISE_CHROMIUM at a Chromium or Chrome binary; looked for ${CHROMIUM})`
        : ''),
  );
}

export function codeServerInstalled() {
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(serverMain);
}

/** Installs code-server into .vscode-test/code-server (~2 min, ~300 MB) unless that version is already there. */
export function ensureCodeServer() {
  ensureSystem();
  if (codeServerInstalled()) return serverMain;
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20; this is Node ${process.versions.node}`);
  }
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${home} (first run only, about two minutes)…`);
  rmSync(join(home, 'node_modules'), { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, 'package.json'),
    JSON.stringify(
      {
        name: 'tokenwise-test-code-server',
        private: true,
        allowScripts: Object.fromEntries(topLevelScripts.map((p) => [p, true])),
      },
      null,
      2,
    ),
  );
  const tmp = mkdtempSync(join(home, 'tmp-'));
  seedRipgrepCache(tmp);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_nodedir: dirname(dirname(process.execPath)), // build against local headers, no download
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const log = join(home, 'install.log');
  writeFileSync(log, '');
  try {
    run(['npm', 'install', `code-server@${CODE_SERVER_VERSION}`, '--foreground-scripts', '--no-save'], home, env, log);
    const codeServer = join(home, 'node_modules/code-server');
    for (const folder of ['lib/vscode', 'lib/vscode/extensions']) approveLockedInstallScripts(join(codeServer, folder));
    const userAgent = `npm/${npmVersion()} node/${process.version} ${process.platform} ${process.arch}`;
    run(['sh', './postinstall.sh'], codeServer, { ...env, npm_config_user_agent: userAgent }, log);
    if (!existsSync(serverMain)) throw new Error(`${serverMain} is missing after the install`);
  } catch (error) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`Installing code-server failed: ${error.message}\n(full log: ${log})\n${tail}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(marker, CODE_SERVER_VERSION);
  return serverMain;
}

function run(command, cwd, env, log) {
  appendFileSync(log, `\n$ ${command.join(' ')}   (in ${cwd})\n`);
  const result = spawnSync(command[0], command.slice(1), {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  appendFileSync(log, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0)
    throw new Error(`\`${command.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`})`);
}

function npmVersion() {
  return spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/** Approves, in a nested package.json, exactly the install scripts its own lock file declares. */
function approveLockedInstallScripts(folder) {
  const lockFile = ['npm-shrinkwrap.json', 'package-lock.json'].map((f) => join(folder, f)).find((f) => existsSync(f));
  if (!lockFile) return;
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const names = Object.entries(lock.packages ?? {})
    .filter(([path, entry]) => path && entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  const manifestFile = join(folder, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.allowScripts = Object.fromEntries(names.map((name) => [name, true]));
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}

// @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the archive; seed that
// cache with the system's rg (code-server pins @vscode/ripgrep 1.15.11 → asset v13.0.0-10).
function seedRipgrepCache(tmp) {
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const staging = join(tmp, 'rg-staging');
  mkdirSync(cache, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync('/usr/bin/rg', join(staging, 'rg'));
  chmodSync(join(staging, 'rg'), 0o755);
  const tar = spawnSync('tar', [
    'czf',
    join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
    '-C',
    staging,
    'rg',
  ]);
  if (tar.status !== 0) throw new Error(`Could not seed the ripgrep cache: ${tar.stderr}`);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts VS Code's server with private data dirs. `--enable-smoke-test-driver` makes the workbench honour the URL
 * payload (extensionDevelopmentPath / extensionTestsPath). `workspaceTrust`: VS Code's workspace trust on, with no
 * start-up prompt, so a folder opens in Restricted Mode. Returns its address and a stop() that ends the whole
 * process group (the server forks extension hosts and file watchers).
 */
export async function startServer({
  stateDir,
  env = {},
  userSettings = {},
  workspaceTrust = false,
  startTimeoutMs = 30_000,
}) {
  const port = await freePort();
  const userData = join(stateDir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': workspaceTrust,
      'security.workspace.trust.startupPrompt': 'never',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'chat.disableAIFeatures': true,
      ...userSettings,
    }),
  );
  const child = spawn(
    process.execPath,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--server-data-dir',
      join(stateDir, 'server-data'),
      '--user-data-dir',
      userData,
      '--extensions-dir',
      join(stateDir, 'extensions'),
    ],
    {
      detached: true, // own process group, so stop() reaches every child
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
        XDG_DATA_HOME: join(stateDir, 'xdg-data'),
        XDG_CACHE_HOME: join(stateDir, 'xdg-cache'),
      },
    },
  );
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + startTimeoutMs;
  while (!/Extension host agent listening|HTTP server listening/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`VS Code server did not start (exit ${child.exitCode}):\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { host: `127.0.0.1:${port}`, stop, log: () => log };
}
