import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { defaultPolicy, parsePolicy, PolicyError } from '../../../core/policy';

const yamlPolicy = `# tokenwise policy for the support platform
$schema: ./schema/tokenwise.config.schema.json
defaultModel: gpt-4o-mini
approvedModels:
  production: [gpt-4o-mini, "claude-haiku-*", gpt-4.1-nano]
  development: ["*"]
timeZone: Europe/Berlin
defaultCallsPerDay: 2000
volumes:
  - { glob: "prompts/support/**", callsPerDay: 45000 }
  - { glob: "*.summary.prompt", callsPerDay: 300 }
defaultOutputTokens: 350
outputTokens:
  - { glob: "prompts/reports/**", tokens: 1800 }
customModels:
  llama-3.1-70b-internal:
    provider: self-hosted
    inputPerMTok: 0.12
    outputPerMTok: 0.3
    contextWindow: 128000
    tier: large
teams:
  search:
    members: [U012AB3CD, U045EF6GH]
    approvers: [U012AB3CD, S07LEADS]
    alertChannel: C0SEARCH1
budgets:
  organization: { amountUsd: 20000, period: month }
  teams:
    search:
      amountUsd: 1500
      tokens: 900000000
      period: week
      thresholds: [25, 50, 100]
      hardCap: true
alerts:
  thresholds: [60, 90]
  channels: [C0ALERTS9]
variables:
  history: { maxTokens: 4000 }
  user_name: { sample: Ada }
promptFiles: ["prompts/**/*.prompt", "src/**/*.prompt.md"]
rules:
  whitespace-waste: "off"
  no-output-cap: error
`;

function policyError(text: string, file: string): PolicyError {
  try {
    parsePolicy(text, file);
  } catch (error) {
    assert.ok(error instanceof PolicyError, `expected PolicyError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the policy to be rejected');
}

describe('policy file parsing', () => {
  it('reads a complete YAML policy', () => {
    const policy = parsePolicy(yamlPolicy, 'tokenwise.config.yaml');
    assert.equal(policy.defaultModel, 'gpt-4o-mini');
    assert.deepEqual(policy.approvedModels?.['production'], ['gpt-4o-mini', 'claude-haiku-*', 'gpt-4.1-nano']);
    assert.equal(policy.timeZone, 'Europe/Berlin');
    assert.deepEqual(policy.volumes[0], { glob: 'prompts/support/**', callsPerDay: 45000 });
    assert.equal(policy.customModels['llama-3.1-70b-internal']?.outputPerMTok, 0.3);
    assert.deepEqual(policy.teams['search']?.approvers, ['U012AB3CD', 'S07LEADS']);
    assert.deepEqual(policy.budgets.teams['search'], {
      amountUsd: 1500,
      tokens: 900000000,
      period: 'week',
      thresholds: [25, 50, 100],
      hardCap: true,
    });
    assert.deepEqual(policy.variables['history'], { maxTokens: 4000 });
    assert.equal(policy.rules['whitespace-waste'], 'off');
  });

  it('gives budgets without thresholds the alert thresholds, and fills defaults', () => {
    const policy = parsePolicy(yamlPolicy, 'tokenwise.config.yaml');
    assert.deepEqual(policy.budgets.organization, {
      amountUsd: 20000,
      period: 'month',
      thresholds: [60, 90],
      hardCap: false,
    });
    const minimal = parsePolicy('defaultModel: gpt-4o\n', 'tokenwise.config.yml');
    assert.deepEqual({ ...minimal, defaultModel: undefined }, { ...defaultPolicy, defaultModel: undefined });
    assert.equal(minimal.timeZone, 'UTC');
    assert.deepEqual(minimal.alerts.thresholds, [50, 80, 100]);
  });

  it('reads the same policy written as JSON', () => {
    const fromYaml = parsePolicy(yamlPolicy, 'tokenwise.config.yaml');
    const json = JSON.stringify(fromYaml, null, 2);
    assert.deepEqual(parsePolicy(json, 'tokenwise.config.json'), fromYaml);
  });

  it('reads files with a byte-order mark and Windows line endings', () => {
    const json = '\uFEFF{\r\n  "defaultModel": "gpt-4o",\r\n  "defaultCallsPerDay": 20\r\n}\r\n';
    assert.equal(parsePolicy(json, 'tokenwise.config.json').defaultCallsPerDay, 20);
    const error = policyError('\uFEFFdefaultModel: gpt-4o\r\ntimeZone: Mars/Base\r\n', 'tokenwise.config.yaml');
    assert.equal(error.line, 2);
  });

  it('treats an empty file as the default policy', () => {
    assert.deepEqual(parsePolicy('', 'tokenwise.config.yaml'), defaultPolicy);
    assert.deepEqual(parsePolicy('# nothing yet\n', 'tokenwise.config.yaml'), defaultPolicy);
  });

  it('names file, line and field of a wrong value', () => {
    const text =
      'teams:\n  search:\n    approvers: [U012AB3CD]\nbudgets:\n  teams:\n    search:\n      amountUsd: -40\n';
    const error = policyError(text, 'tokenwise.config.yaml');
    assert.equal(error.file, 'tokenwise.config.yaml');
    assert.equal(error.line, 7);
    assert.equal(error.path, 'budgets.teams.search.amountUsd');
    assert.equal(error.message, 'tokenwise.config.yaml:7: budgets.teams.search.amountUsd: expected a positive number');
  });

  it('refuses a dollar amount that whole nano-dollars cannot hold rather than rounding it', () => {
    const budget = (amount: string) => `budgets:\n  organization: { amountUsd: ${amount} }\n`;
    assert.equal(parsePolicy(budget('1500.25'), 'tokenwise.config.yaml').budgets?.organization?.amountUsd, 1500.25);
    assert.equal(parsePolicy(budget('0.000000001'), 'tokenwise.config.yaml').budgets?.organization?.amountUsd, 1e-9);
    for (const amount of ['0.0000000001', '12.3456789012', '9007199.26']) {
      const error = policyError(budget(amount), 'tokenwise.config.yaml');
      assert.equal(error.path, 'budgets.organization.amountUsd');
      assert.match(error.message, /at most 9 decimal places/);
    }
  });

  it('names the line in JSON files too', () => {
    const text =
      '{\n  "defaultModel": "gpt-4o",\n  "defaultOutputTokens": 12.5,\n  "rules": { "whitespace-waste": "loud" }\n}\n';
    const error = policyError(text, 'tokenwise.config.json');
    assert.deepEqual(
      error.issues.map((issue) => `${issue.line} ${issue.path}`),
      ['3 defaultOutputTokens', '4 rules.whitespace-waste'],
    );
    assert.match(
      error.message,
      /tokenwise\.config\.json:4: rules\.whitespace-waste: expected one of 'off', 'info', 'warning', 'error'/,
    );
  });

  it('rejects unknown keys, suggesting the intended one', () => {
    const error = policyError(
      'defaultModel: gpt-4o\ndefualtCallsPerDay: 300\nbudgets:\n  teams: {}\n  montly: 4\n',
      'tokenwise.config.yaml',
    );
    assert.deepEqual(
      error.issues.map((issue) => [issue.line, issue.path, issue.message]),
      [
        [2, 'defualtCallsPerDay', "unknown key (did you mean 'defaultCallsPerDay'?)"],
        [5, 'budgets.montly', 'unknown key (expected one of organization, teams, environments, apps)'],
      ],
    );
  });

  it('rejects unknown keys inside nested entries', () => {
    const error = policyError(
      'customModels:\n  "llama-3.1-70b":\n    inputPerMTok: 0.1\n    outputPerMTok: 0.2\n    contextWindw: 8000\n',
      'p.yaml',
    );
    assert.equal(
      error.message,
      `p.yaml:5: customModels["llama-3.1-70b"].contextWindw: unknown key (did you mean 'contextWindow'?)`,
    );
  });

  it('rejects a time zone that is not IANA', () => {
    const error = policyError('timeZone: Europe/Berlyn\n', 'tokenwise.config.yaml');
    assert.equal(error.message, 'tokenwise.config.yaml:1: timeZone: expected an IANA time zone such as Europe/Berlin');
    assert.equal(
      parsePolicy('timeZone: America/Argentina/Buenos_Aires\n', 'x.yaml').timeZone,
      'America/Argentina/Buenos_Aires',
    );
  });

  it('reports missing fields at their parent key', () => {
    const error = policyError(
      'teams:\n  search:\n    members: [U012AB3CD]\nvolumes:\n  - glob: "prompts/**"\n    callsPerDay: lots\n',
      'p.yaml',
    );
    assert.deepEqual(
      error.issues.map((issue) => `${issue.line} ${issue.path}: ${issue.message}`),
      [
        '2 teams.search.approvers: missing required field (expected a list of Slack ids)',
        '6 volumes[0].callsPerDay: expected a number ≥ 0',
      ],
    );
  });

  it('checks Slack ids, budgets and threshold order', () => {
    const text = [
      'teams:',
      '  search:',
      '    members: [ada@example.com]',
      '    approvers: [C0LEADS12]',
      'budgets:',
      '  teams:',
      '    search: { period: week }',
      '    serach: { amountUsd: 10 }',
      'alerts:',
      '  thresholds: [80, 50]',
      '  channels: ["#alerts"]',
    ].join('\n');
    const error = policyError(text, 'p.yaml');
    assert.deepEqual(
      error.issues.map((issue) => `${issue.line} ${issue.path}: ${issue.message}`),
      [
        '3 teams.search.members[0]: expected a Slack user id (U…) or user group id (S…)',
        '7 budgets.teams.search: expected amountUsd, tokens, or both',
        "8 budgets.teams.serach: no team 'serach' under teams (teams: search)",
        '10 alerts.thresholds: expected percentages in increasing order',
        '11 alerts.channels[0]: expected a Slack channel id such as C0123ABCD',
      ],
    );
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    assert.match(
      policyError('defaultModel: gpt-4o\nvolumes: [ { glob: a, callsPerDay: 1 }\nrules: {}\n', 'p.yaml').message,
      /^p\.yaml:\d: /,
    );
    const duplicate = policyError('defaultModel: gpt-4o\ntimeZone: UTC\ndefaultModel: gpt-4.1\n', 'p.yaml');
    assert.equal(duplicate.line, 3);
    assert.match(duplicate.message, /unique/);
  });

  it('holds a .json file to JSON, not YAML', () => {
    const error = policyError('{\n  "defaultModel": "gpt-4o",\n}\n', 'tokenwise.config.json');
    assert.equal(error.line, 3);
    assert.match(error.message, /^tokenwise\.config\.json:3: invalid JSON/);
  });

  it('rejects a top level that is not an object, and malformed globs', () => {
    assert.equal(
      policyError('- gpt-4o\n', 'p.yaml').message,
      'p.yaml:1: expected an object of settings at the top level',
    );
    assert.equal(
      policyError('promptFiles: ["prompts/{a,b"]\n', 'p.yaml').message,
      "p.yaml:1: promptFiles[0]: unbalanced '{' in glob 'prompts/{a,b'",
    );
  });
});

describe('policy file documentation', () => {
  it('shows a valid policy in docs/policy.md', () => {
    const reference = readFileSync('docs/policy.md', 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(reference)?.[1];
    assert.ok(example, 'docs/policy.md has a yaml example');
    const policy = parsePolicy(example, 'docs/policy.md');
    assert.equal(policy.budgets.teams['search']?.hardCap, true);
  });
});
