// Runs the extension's mocha suite (or its benchmark) inside a real VS Code extension host:
// code-server's VS Code server on 127.0.0.1 + the web workbench in headless Chromium.
//   node test/extension/run.mjs            e2e suite; saves artifacts/extension-lenses.png
//   node test/extension/run.mjs --bench    recompute/activation benchmark (npm run bench:extension)
// Flags: --build (bundle the extension first), --update-media (also refresh media/screenshot.png).
// Every step has a deadline, so a broken editor fails the run instead of hanging it.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ensureCodeServer, startServer } from './harness/codeServer.mjs';
import { checkReportLayout } from './harness/reportLayout.mjs';
import { generateStressFiles } from './harness/stressFiles.mjs';
import { runSuite, screenshotFile } from './harness/workbench.mjs';

const { values: flags } = parseArgs({
  options: { bench: { type: 'boolean' }, build: { type: 'boolean' }, 'update-media': { type: 'boolean' } },
});
const root = resolve('.');
const suiteTimeoutMs = Number(process.env.TOKENWISE_E2E_TIMEOUT_MS ?? 240_000);
const countsFile = process.env.TOKENWISE_COUNTS_FILE;

function fail(message) {
  console.error(`extension tests: ${message}`);
  process.exit(1);
}

try {
  ensureCodeServer();
} catch (error) {
  fail(error.message);
}

if (flags.build) {
  // The benchmark measures the bundles as shipped (minified); the suite runs the development build (source maps).
  const built = spawnSync(process.execPath, ['scripts/build.mjs', ...(flags.bench ? ['--production'] : [])], {
    stdio: 'inherit',
  });
  if (built.status !== 0) fail('the build failed');
}
if (!existsSync('dist/extension.js')) fail('dist/extension.js is missing: run `npm run build` first');

// The in-host code is bundled (TypeScript → CommonJS); `vscode` comes from the host, mocha from node_modules.
const suiteDir = flags.bench ? 'test/extension/bench' : 'test/extension/suite';
const outDir = join(root, 'dist/test/extension', flags.bench ? 'bench' : 'suite');
rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints: [`${suiteDir}/*.ts`],
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

// The web build's checks, bundled for the web-worker extension host (no Node built-ins).
const webTests = join(root, 'dist/test/extension/web/index.js');
if (!flags.bench) {
  await build({
    entryPoints: ['test/extension/web/index.ts'],
    outfile: webTests,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

const stateDir = mkdtempSync(join(tmpdir(), 'tokenwise-e2e-'));
const workspace = join(stateDir, 'workspace');
cpSync('test/extension/fixtures/workspace', workspace, { recursive: true });
generateStressFiles(workspace);

let server;
const cleanUp = () => {
  server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const started = Date.now();
try {
  server = await startServer({
    stateDir,
    // The built-in TypeScript server overflows its stack on the nesting test file and logs pages of it; tokenwise
    // reads the file by its name, whatever the editor's language.
    userSettings: { 'files.associations': { '**/stress/nested.ts': 'plaintext' } },
    env: {
      // The analysis worker refuses and reports any network request (the privacy tests); the benchmark's runs as shipped.
      ...(flags.bench ? {} : { TOKENWISE_WATCH_NETWORK: '1' }),
      TOKENWISE_E2E_WORKSPACE: workspace,
      TOKENWISE_E2E_ROOT: root,
      ...(countsFile ? { TOKENWISE_COUNTS_FILE: countsFile } : {}),
    },
  });
} catch (error) {
  fail(error.message);
}

// The workbench logs its own start-up chatter through the same channel; show it only when the suite never started.
const workbenchLog = [];
let printing = false;
const result = await runSuite({
  host: server.host,
  stateDir,
  extensionPath: root,
  testsPath: join(outDir, 'index.js'),
  folder: workspace,
  timeoutMs: suiteTimeoutMs,
  log: (type, args) => {
    const line = format(...args);
    workbenchLog.push(line);
    if (line.startsWith('── tokenwise extension')) printing = true;
    if (printing || process.env.TOKENWISE_E2E_VERBOSE) (type === 'error' ? console.error : console.log)(line);
  },
});
if (result.timedOut) {
  console.error(`extension tests: no result after ${suiteTimeoutMs / 1000} s (screenshot: ${result.shot})`);
  if (!printing) console.error(`workbench log:\n${workbenchLog.slice(-40).join('\n')}`);
  console.error(`server log:\n${server.log().slice(-3000)}`);
  rmSync(stateDir, { recursive: true, force: true }); // keep nothing but the message
  process.exitCode = 124;
} else {
  console.log(
    `extension host finished with exit code ${result.code} after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (!printing) console.error(`the suite never started; workbench log:\n${workbenchLog.slice(-40).join('\n')}`);
  process.exitCode = result.code;
}

if (!flags.bench && !result.timedOut) {
  for (const check of [
    saveScreenshot,
    checkHugeFileState,
    checkReport,
    runRestrictedMode,
    runWebBuild,
    checkPackage,
    checkMissingBrowserMessage,
  ]) {
    const ok = await check();
    if (countsFile && existsSync(countsFile)) {
      const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
      counts[ok ? 'passed' : 'failed'] += 1;
      writeFileSync(countsFile, JSON.stringify(counts));
    }
    if (!ok) process.exitCode = process.exitCode || 1;
  }
}
process.exit();

/**
 * The workspace-trust tests again with workspace trust on: a second server whose folder opens in Restricted Mode.
 */
async function runRestrictedMode() {
  const restrictedState = mkdtempSync(join(tmpdir(), 'tokenwise-restricted-'));
  let restrictedServer;
  try {
    restrictedServer = await startServer({
      stateDir: restrictedState,
      workspaceTrust: true,
      // Counted as one check: its reporter must not write its counts over the main run's (the server would otherwise
      // inherit TOKENWISE_COUNTS_FILE from this process).
      env: {
        TOKENWISE_E2E_WORKSPACE: workspace,
        TOKENWISE_E2E_ROOT: root,
        TOKENWISE_E2E_FILES: 'workspaceTrust',
        TOKENWISE_COUNTS_FILE: '',
      },
    });
    const lines = [];
    const outcome = await runSuite({
      host: restrictedServer.host,
      stateDir: restrictedState,
      extensionPath: root,
      testsPath: join(outDir, 'index.js'),
      folder: workspace,
      timeoutMs: 180_000,
      log: (_type, args) => lines.push(format(...args)),
    });
    const start = lines.findIndex((line) => line.startsWith('── tokenwise extension'));
    for (const line of start < 0 ? [] : lines.slice(start + 1)) console.log(line);
    if (outcome.code !== 0) {
      console.error(
        `  ✘ Restricted Mode run: exit ${outcome.code}${outcome.timedOut ? ' (timed out)' : ''}\n${lines.slice(-40).join('\n')}`,
      );
      return false;
    }
    return true;
  } catch (error) {
    console.error(`  ✘ Restricted Mode run: ${error.message.split('\n')[0]}`);
    return false;
  } finally {
    restrictedServer?.stop();
    rmSync(restrictedState, { recursive: true, force: true });
  }
}

/**
 * The web build in VS Code's web-worker extension host: a second server whose user settings ask for the extension
 * to run as a web extension, so the workbench loads the bundle in a worker of the browser.
 */
async function runWebBuild() {
  const webState = mkdtempSync(join(tmpdir(), 'tokenwise-web-'));
  let webServer;
  try {
    webServer = await startServer({
      stateDir: webState,
      userSettings: { 'remote.extensionKind': { 'tokenwise.tokenwise': ['web'] }, 'extensions.webWorker': true },
    });
    const lines = [];
    const outcome = await runSuite({
      host: webServer.host,
      stateDir: webState,
      extensionPath: root,
      testsPath: webTests,
      folder: workspace,
      timeoutMs: 240_000,
      log: (_type, args) => lines.push(format(...args)),
    });
    const ours = lines.filter((line) => /^ {2}[✔✘] web:|^web extension:/.test(line));
    for (const line of ours) console.log(line);
    if (outcome.code !== 0 || !ours.some((line) => /^web extension: \d+ passed, 0 failed$/.test(line))) {
      console.error(
        `  ✘ web build: exit ${outcome.code}${outcome.timedOut ? ' (timed out)' : ''}\n${lines.slice(-30).join('\n')}`,
      );
      return false;
    }
    return true;
  } catch (error) {
    console.error(`  ✘ web build: ${error.message.split('\n')[0]}`);
    return false;
  } finally {
    webServer?.stop();
    rmSync(webState, { recursive: true, force: true });
  }
}

/**
 * A file of 320k lines, seen through the UI: the editor shows no lenses there, so the status bar and a one-time
 * message must say that counting is paused, with the action that counts it.
 */
async function checkHugeFileState() {
  const out = join(root, 'artifacts/extension-huge-file.png');
  try {
    const items = await screenshotFile({
      host: server.host,
      stateDir,
      extensionPath: root,
      folder: workspace,
      file: join(workspace, 'stress/many-lines.ts'),
      out,
      selector: '.statusbar-item, .notification-list-item',
      waitForText: 'counting paused',
      timeoutMs: 90_000,
    });
    const message = items.some((text) => text.includes('tokenwise paused counting') && text.includes('Count Anyway'));
    if (!message)
      throw new Error(
        `no notification with "Count Anyway" next to the status bar item: ${JSON.stringify(items.filter((t) => t.includes('tokenwise')))}`,
      );
    console.log(
      `  ✔ a 320k-line file shows "counting paused" in the status bar and a message with "Count Anyway" (${out})`,
    );
    return true;
  } catch (error) {
    console.error(`  ✘ huge-file state: ${error.message.split('\n')[0]}`);
    return false;
  }
}

/** The audit report fits a side column and a full editor in dark, light and high-contrast themes. */
async function checkReport() {
  try {
    const problems = await checkReportLayout({ root, stateDir });
    if (problems.length === 0) {
      console.log(
        '  ✔ audit report fits 420 px and 1,200 px in dark, light and high-contrast themes (artifacts/report-*.png)',
      );
      return true;
    }
    console.error(`  ✘ audit report layout:\n${problems.map((p) => `    ${p}`).join('\n')}`);
  } catch (error) {
    console.error(`  ✘ audit report layout: ${error.message.split('\n')[0]}`);
  }
  return false;
}

/** Without a browser the harness stops before anything else and says what to install, and how. */
async function checkMissingBrowserMessage() {
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "try { (await import('./test/extension/harness/codeServer.mjs')).ensureSystem(); } catch (e) { console.log(e.message); }",
    ],
    { encoding: 'utf8', env: { ...process.env, TOKENWISE_CHROMIUM: '/nonexistent/chromium' }, timeout: 30_000 },
  );
  const message = probe.stdout;
  const ok =
    /- chromium: headless browser/.test(message) &&
    /apt-get install -y .*chromium/.test(message) &&
    /TOKENWISE_CHROMIUM/.test(message);
  if (ok) console.log('  ✔ a missing Chromium is named with the command that installs it');
  else console.error(`  ✘ missing-Chromium message: ${JSON.stringify(message)} ${probe.stderr}`);
  return ok;
}

/** File names in a zip archive, from its central directory. */
function zipEntries(zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  const names = [];
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

/** `npm run package` makes a .vsix under 5 MB holding only what the extension runs on. */
async function checkPackage() {
  const packed = spawnSync(process.execPath, ['scripts/package.mjs'], { encoding: 'utf8', timeout: 120_000 });
  if (packed.status !== 0) {
    console.error(`  ✘ packaging failed:\n${packed.stdout}${packed.stderr}`);
    return false;
  }
  const listing = zipEntries(readFileSync('dist/tokenwise.vsix')).sort();
  const expected = [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/changelog.md',
    'extension/dist/engineWorker.js',
    'extension/dist/extension.js',
    'extension/media/icon.png',
    'extension/media/screenshot.png',
    'extension/LICENSE.txt',
    'extension/package.json',
    'extension/readme.md',
    'extension/schema/tokenwise.config.schema.json',
  ].sort();
  const megabytes = statSync('dist/tokenwise.vsix').size / 1024 / 1024;
  if (megabytes >= 5 || JSON.stringify(listing) !== JSON.stringify(expected)) {
    console.error(`  ✘ .vsix: ${megabytes.toFixed(2)} MB (limit 5 MB), files: ${listing.join(', ')}`);
    return false;
  }
  console.log(`  ✔ .vsix packed: ${megabytes.toFixed(2)} MB, ${listing.length} files, no sources or tests`);
  return true;
}

/** The lenses as a person sees them, for the README and for reviewing a run. */
async function saveScreenshot() {
  const out = join(root, 'artifacts/extension-lenses.png');
  try {
    const lenses = await screenshotFile({
      host: server.host,
      stateDir,
      extensionPath: root,
      folder: workspace,
      file: join(workspace, 'src/support.ts'),
      out,
      waitForText: 'tok',
      timeoutMs: 60_000,
    });
    console.log(`  ✔ lens screenshot saved to ${out} (${lenses.length} lenses)`);
    if (flags['update-media']) {
      mkdirSync('media', { recursive: true });
      copyFileSync(out, 'media/screenshot.png');
    }
    return true;
  } catch (error) {
    console.error(`  ✘ lens screenshot: ${error.message.split('\n')[0]}`);
    return false;
  }
}
