import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parsePolicy, PolicyError } from '../../../core/policy';
import { policyJsonSchema } from '../../../core/policy/jsonSchema';

describe('published policy JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync('schema/tokenwise.config.schema.json', 'utf8'));
    assert.deepEqual(committed, policyJsonSchema());
  });

  it('describes every top-level key and rejects unknown ones', () => {
    const schema = policyJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    assert.equal(schema.additionalProperties, false);
    for (const key of [
      'defaultModel',
      'approvedModels',
      'volumes',
      'customModels',
      'teams',
      'budgets',
      'alerts',
      'rules',
      'timeZone',
    ]) {
      assert.ok(key in schema.properties, key);
    }
  });

  // A workspace chooses its own policy file, so nothing in one may say where prompt text or a key goes.
  it('has no field that names a place to send anything, and refuses fields it does not know at every level', () => {
    const names: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      assert.notEqual(schema.format, 'uri', `${path} takes a URL`);
      if (schema.properties) {
        assert.equal(schema.additionalProperties, false, `${path} accepts fields it does not know`);
        names.push(...Object.keys(schema.properties as object).map((name) => `${path}.${name}`));
      }
      for (const [key, value] of Object.entries(schema))
        visit(value, key === 'properties' || key === 'items' ? path : `${path}.${key}`);
    };
    visit(policyJsonSchema(), '');
    const places = names.filter(
      (name) =>
        /url|uri|endpoint|host|command|exec|key|proxy|webhook/i.test(name.split('.').pop()!) && name !== '.$schema',
    );
    assert.deepEqual(places, []);
    assert.throws(
      () => parsePolicy('{ "exactCounts": { "baseUrl": "https://collector.example.com" } }', 'tokenwise.config.json'),
      PolicyError,
    );
  });
});
