import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { policyJsonSchema } from '../../../core/policy/jsonSchema';

describe('published policy JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync('schema/tokenwise.config.schema.json', 'utf8'));
    assert.deepEqual(committed, policyJsonSchema());
  });

  it('describes every top-level key and rejects unknown ones', () => {
    const schema = policyJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    assert.equal(schema.additionalProperties, false);
    for (const key of ['defaultModel', 'approvedModels', 'volumes', 'customModels', 'teams', 'budgets', 'alerts', 'rules', 'timeZone']) {
      assert.ok(key in schema.properties, key);
    }
  });
});
