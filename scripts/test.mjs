// `npm test`: every check and suite, each step's count as it finishes, a table of them all, then one closing line
// `N passed, N failed`. `npm run test:unit` is the fast loop over core and the CLI alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrerequisites } from './prereqs.mjs';

const countsDir = mkdtempSync(join(tmpdir(), 'tokenwise-counts-'));
const mocha = ['node_modules/.bin/mocha', '--require', 'tsx/cjs', '--reporter', 'test/support/countingReporter.cjs'];

// A check passes or fails as a whole; a suite reports its own test counts through TOKENWISE_COUNTS_FILE.
const steps = [
  { name: 'type-check', check: ['node_modules/.bin/tsc', '-p', '.'] },
  { name: 'type-check core for web workers', check: ['node_modules/.bin/tsc', '-p', 'core'] },
  { name: 'lint and format (biome)', check: ['node_modules/.bin/biome', 'ci', '--reporter=summary'] },
  { name: 'unused files, exports and dependencies (knip)', check: ['node_modules/.bin/knip'] },
  { name: 'build', check: ['node', 'scripts/build.mjs'] },
  { name: 'unit and integration tests', suite: [...mocha, '--ignore', 'test/extension/**', 'test/**/*.test.ts'] },
  { name: 'extension in a real VS Code (code-server + headless Chromium)', suite: ['node', 'test/extension/run.mjs'] },
];

const results = [];
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

let started = Date.now();
try {
  ensurePrerequisites();
  results.push({ name: 'system packages', passed: 1, failed: 0, time: seconds(started) });
} catch (error) {
  console.error(String(error.message ?? error));
  results.push({ name: 'system packages', passed: 0, failed: 1, time: seconds(started) });
}

for (const step of steps) {
  console.log(`\n── ${step.name}`);
  started = Date.now();
  const command = step.check ?? step.suite;
  const countsFile = join(countsDir, `${step.name.replace(/\W+/g, '-')}.json`);
  const run = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, TOKENWISE_COUNTS_FILE: countsFile },
  });
  const result = { name: step.name, passed: 0, failed: 0, time: '' };
  if (step.check) {
    if (run.status === 0) result.passed = 1;
    else result.failed = 1;
  } else {
    const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : undefined;
    result.passed = counts?.passed ?? 0;
    result.failed = counts?.failed ?? 0;
    // A suite that crashed before reporting, or exited non-zero with no failures counted, still fails.
    if (run.status !== 0 && result.failed === 0) result.failed = 1;
  }
  result.time = seconds(started);
  results.push(result);
  const verdict = step.check ? (result.failed ? 'failed' : 'ok') : `${result.passed} passed, ${result.failed} failed`;
  console.log(`── ${step.name}: ${verdict} (${result.time})`);
}

const width = Math.max(...results.map((result) => result.name.length));
console.log('\nSummary');
for (const { name, passed, failed, time } of results) {
  console.log(
    `  ${name.padEnd(width)}  ${String(passed).padStart(4)} passed  ${String(failed).padStart(3)} failed  ${time.padStart(6)}`,
  );
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
