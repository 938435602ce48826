// `npm test`: every check and suite, then one closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrerequisites } from './prereqs.mjs';

const countsDir = mkdtempSync(join(tmpdir(), 'tokenwise-counts-'));
const mocha = ['node_modules/.bin/mocha', '--require', 'tsx/cjs', '--reporter', 'test/support/countingReporter.cjs'];

// A check passes or fails as a whole; a suite reports its own test counts through TOKENWISE_COUNTS_FILE.
const steps = [
  { name: 'type-check', check: ['node_modules/.bin/tsc', '-p', '.'] },
  { name: 'type-check core for web workers', check: ['node_modules/.bin/tsc', '-p', 'core'] },
  { name: 'build', check: ['node', 'scripts/build.mjs'] },
  { name: 'unit and integration tests', suite: [...mocha, '--ignore', 'test/extension/**', 'test/**/*.test.ts'] },
  { name: 'extension in a real VS Code (code-server + headless Chromium)', suite: ['node', 'test/extension/run.mjs'] },
];

let passed = 0;
let failed = 0;
try {
  ensurePrerequisites();
  passed++;
} catch (error) {
  console.error(String(error.message ?? error));
  failed++;
}

for (const step of steps) {
  console.log(`\n── ${step.name}`);
  const command = step.check ?? step.suite;
  const countsFile = join(countsDir, `${step.name.replace(/\W+/g, '-')}.json`);
  const result = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, TOKENWISE_COUNTS_FILE: countsFile },
  });
  if (step.check) {
    if (result.status === 0) passed++;
    else failed++;
    continue;
  }
  if (existsSync(countsFile)) {
    const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
  }
  // A suite that crashed before reporting, or exited non-zero with no failures counted, still fails.
  if (result.status !== 0 && !(existsSync(countsFile) && JSON.parse(readFileSync(countsFile, 'utf8')).failed > 0)) failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
