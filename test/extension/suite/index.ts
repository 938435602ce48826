// Runs inside the VS Code extension host (the workbench's extensionTestsPath): every bundled *.test.js beside this
// file, with the counting reporter so `npm test` can add the results to its total.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** The harness prints the workbench's log only from this line on (unless TOKENWISE_E2E_VERBOSE is set). */
const SUITE_START = '── tokenwise extension suite';

export function run(): Promise<void> {
  const reporter = join(process.env.TOKENWISE_E2E_ROOT ?? process.cwd(), 'test/support/countingReporter.cjs');
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter });
  // TOKENWISE_E2E_FILES (comma-separated names without .test.js): a run of those files only, e.g. in Restricted Mode.
  const only = process.env.TOKENWISE_E2E_FILES?.split(',');
  const files = readdirSync(__dirname).filter(
    (f) => f.endsWith('.test.js') && (!only || only.includes(f.slice(0, -'.test.js'.length))),
  );
  for (const file of files.sort()) mocha.addFile(join(__dirname, file));
  console.log(SUITE_START);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension tests failed`)) : resolve()));
  });
}
