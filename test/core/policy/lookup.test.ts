import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { globProblem } from '../../../core/policy/glob';
import {
  callsPerDayFor,
  isModelApproved,
  matchesModelGlob,
  matchesPathGlob,
  outputTokensFor,
  parsePolicy,
  ruleSeverity,
} from '../../../core/policy';

const policy = parsePolicy(
  [
    'approvedModels:',
    '  production: [gpt-4o-mini, "claude-haiku-*", "gpt-4.1-{mini,nano}"]',
    '  default: ["*"]',
    'defaultCallsPerDay: 100',
    'volumes:',
    '  - { glob: "prompts/support/**", callsPerDay: 45000 }',
    '  - { glob: "*.summary.prompt", callsPerDay: 300 }',
    '  - { glob: "nightly-*", callsPerDay: 1 }',
    'defaultOutputTokens: 400',
    'outputTokens:',
    '  - { glob: "reports/*.md", tokens: 2500 }',
    'rules:',
    '  whitespace-waste: "off"',
    '  no-output-cap: error',
  ].join('\n'),
  'tokenwise.config.yaml',
);

describe('policy lookups', () => {
  it('finds calls per day by path glob, in relative and absolute paths, first match first', () => {
    assert.equal(callsPerDayFor(policy, 'prompts/support/triage.prompt'), 45000);
    assert.equal(callsPerDayFor(policy, '/home/ada/app/prompts/support/es/triage.prompt'), 45000);
    assert.equal(callsPerDayFor(policy, 'C:\\app\\prompts\\support\\triage.prompt'), 45000);
    assert.equal(callsPerDayFor(policy, 'prompts/support/weekly.summary.prompt'), 45000);
    assert.equal(callsPerDayFor(policy, 'prompts/weekly.summary.prompt'), 300);
    assert.equal(callsPerDayFor(policy, 'prompts/sales/pitch.prompt'), 100);
  });

  it('matches prompt names as well as paths', () => {
    assert.equal(callsPerDayFor(policy, 'src/jobs.ts', 'nightly-digest'), 1);
    assert.equal(callsPerDayFor(policy, 'src/jobs.ts', 'hourly-digest'), 100);
  });

  it('finds output-token assumptions', () => {
    assert.equal(outputTokensFor(policy, 'reports/q3.md'), 2500);
    assert.equal(outputTokensFor(policy, 'reports/2025/q3.md'), 400);
  });

  it('approves models per environment with globs, falling back to default', () => {
    assert.ok(isModelApproved(policy, 'gpt-4o-mini', 'production'));
    assert.ok(isModelApproved(policy, 'claude-haiku-4-5', 'production'));
    assert.ok(isModelApproved(policy, 'gpt-4.1-nano', 'production'));
    assert.ok(!isModelApproved(policy, 'gpt-4.1', 'production'));
    assert.ok(!isModelApproved(policy, 'gpt-4o', 'production'));
    assert.ok(isModelApproved(policy, 'gpt-4o', 'staging'));
    const open = parsePolicy('defaultModel: gpt-4o\n', 'p.yaml');
    assert.ok(isModelApproved(open, 'anything', 'production'));
  });

  it('re-levels audit rules', () => {
    assert.equal(ruleSeverity(policy, 'whitespace-waste', 'warning'), 'off');
    assert.equal(ruleSeverity(policy, 'no-output-cap', 'info'), 'error');
    assert.equal(ruleSeverity(policy, 'unbounded-context', 'warning'), 'warning');
  });
});

describe('policy globs', () => {
  it('matches model globs across slashes and dots', () => {
    assert.ok(matchesModelGlob('gpt-4o*', 'gpt-4o-mini-2024-07-18'));
    assert.ok(!matchesModelGlob('gpt-4o*', 'gpt-4.1'));
    assert.ok(matchesModelGlob('meta-llama/*', 'meta-llama/llama-4-scout-17b-16e-instruct'));
    assert.ok(matchesModelGlob('gpt-4.1', 'gpt-4.1'));
    assert.ok(!matchesModelGlob('gpt-4.1', 'gpt-401'));
    assert.ok(matchesModelGlob('claude-?-*', 'claude-3-haiku'));
  });

  it('keeps * within a path segment and lets ** span segments', () => {
    assert.ok(matchesPathGlob('prompts/*.prompt', 'prompts/a.prompt'));
    assert.ok(!matchesPathGlob('prompts/*.prompt', 'prompts/x/a.prompt'));
    assert.ok(matchesPathGlob('prompts/**/*.prompt', 'prompts/a.prompt'));
    assert.ok(matchesPathGlob('prompts/**/*.prompt', 'prompts/x/y/a.prompt'));
    assert.ok(matchesPathGlob('**/*.{md,txt}', 'docs/a.txt'));
    assert.ok(matchesPathGlob('./prompts/[ab].md', 'prompts/b.md'));
    assert.ok(!matchesPathGlob('prompts/[!ab].md', 'prompts/b.md'));
    assert.ok(!matchesPathGlob('/prompts/*.md', 'src/prompts/a.md'));
    assert.ok(!matchesPathGlob('ompts/*.md', 'prompts/a.md'), 'matches whole segments only');
  });

  it('expands nested braces and character ranges', () => {
    assert.ok(matchesPathGlob('src/{api,jobs/{daily,hourly}}/*.ts', 'src/jobs/hourly/run.ts'));
    assert.ok(!matchesPathGlob('src/{api,jobs/{daily,hourly}}/*.ts', 'src/jobs/weekly/run.ts'));
    assert.ok(matchesModelGlob('gpt-4.1-{mini,nano}', 'gpt-4.1-nano'));
    assert.ok(matchesPathGlob('v[0-9].md', 'docs/v7.md'));
    assert.ok(!matchesPathGlob('a?c', 'a/c'), '? never matches a slash in paths');
    assert.equal(
      globProblem('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}'),
      "glob '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}' expands to more than 256 alternatives",
    );
  });

  it('takes time proportional to glob and text, even for globs that make a RegExp backtrack', function () {
    this.timeout(20_000);
    assert.ok(!matchesModelGlob('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)));
    assert.ok(!matchesPathGlob('**/**/**/**/**/x', Array.from({ length: 500 }, (_, i) => `s${i}`).join('/')));
  });

  it('agrees with a RegExp translation of the same glob on small cases', () => {
    // The oracle: the straightforward (backtracking) RegExp translation, fine on tiny inputs.
    const oracle = (raw: string, pathMode: boolean): RegExp => {
      const glob = raw.replace(/\*{3,}/g, '**');
      let source = '';
      for (let i = 0; i < glob.length; i++) {
        if (glob.startsWith('**/', i) && pathMode) {
          source += '(?:[^/]*/)*';
          i += 2;
        } else if (glob.startsWith('**', i)) {
          source += '.*';
          i += 1;
        } else if (glob[i] === '*') source += pathMode ? '[^/]*' : '.*';
        else if (glob[i] === '?') source += pathMode ? '[^/]' : '.';
        else source += glob[i]!.replace(/[.+^$()|\\[\]{}]/g, '\\$&');
      }
      return new RegExp(`${pathMode && !glob.startsWith('/') ? '(?:^|/)' : '^'}${source}$`);
    };
    const glob = fc
      .array(fc.constantFrom('a', 'b', '/', '*', '**', '**/', '?'), { maxLength: 7 })
      .map((parts) => parts.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '/'), { maxLength: 9 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, text, (g, t) => {
        assert.equal(matchesPathGlob(g, t), oracle(g, true).test(t), `path glob ${g} on ${t}`);
        assert.equal(matchesModelGlob(g, t), oracle(g, false).test(t), `model glob ${g} on ${t}`);
      }),
      { numRuns: 3000 },
    );
  });
});
