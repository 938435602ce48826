import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPolicy, findPolicyFile, loadPolicy, PolicyError } from '../../../core/node';

describe('policy file on disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tokenwise-policy-'));
    mkdirSync(join(root, 'repo', '.git'), { recursive: true });
    mkdirSync(join(root, 'repo', 'services', 'search'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the policy at the repository root from a subfolder', () => {
    const file = join(root, 'repo', 'tokenwise.config.yaml');
    writeFileSync(file, 'defaultModel: gpt-4o-mini\n');
    assert.equal(findPolicyFile(join(root, 'repo', 'services', 'search')), file);
    assert.equal(loadPolicy(join(root, 'repo', 'services', 'search')).defaultModel, 'gpt-4o-mini');
  });

  it('prefers the nearest policy file', () => {
    writeFileSync(join(root, 'repo', 'tokenwise.config.yaml'), 'defaultModel: gpt-4o-mini\n');
    const nearer = join(root, 'repo', 'services', 'tokenwise.config.json');
    writeFileSync(nearer, '{ "defaultModel": "claude-haiku-4-5" }');
    assert.equal(findPolicyFile(join(root, 'repo', 'services', 'search')), nearer);
  });

  it('does not look above the repository root', () => {
    writeFileSync(join(root, 'tokenwise.config.yml'), 'defaultModel: gpt-4o\n');
    assert.equal(findPolicyFile(join(root, 'repo', 'services')), undefined);
    assert.deepEqual(loadPolicy(join(root, 'repo')), defaultPolicy);
  });

  it('loads a named file and reports its problems with its path', () => {
    const file = join(root, 'repo', 'tokenwise.config.yml');
    writeFileSync(file, 'defaultModel: gpt-4o\ntimeZone: Nowhere/Special\n');
    assert.throws(
      () => loadPolicy(file),
      (error: unknown) => {
        assert.ok(error instanceof PolicyError);
        assert.equal(error.message, `${file}:2: timeZone: expected an IANA time zone such as Europe/Berlin`);
        return true;
      },
    );
  });

  it('refuses two policy files side by side, and a named file that does not exist', () => {
    writeFileSync(join(root, 'repo', 'tokenwise.config.yaml'), 'defaultModel: gpt-4o\n');
    writeFileSync(join(root, 'repo', 'tokenwise.config.json'), '{}');
    assert.throws(() => findPolicyFile(join(root, 'repo')), /more than one policy file .*keep one/);
    assert.throws(() => loadPolicy(join(root, 'repo', 'missing.yaml')), /missing\.yaml: no such policy file/);
  });
});
