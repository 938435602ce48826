// Mocha's spec output, plus the run's totals written to a file so scripts/test.mjs can add up every suite.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.TOKENWISE_COUNTS_FILE;
      if (file) {
        const { passes, failures, pending } = runner.stats;
        fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
      }
    });
  }
}

module.exports = CountingReporter;
