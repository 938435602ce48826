// `npm run schema`: writes the policy file's JSON Schema, generated from the zod schema in core/policy.
import { writeFileSync, mkdirSync } from 'node:fs';
import { policyJsonSchema } from '../core/policy/jsonSchema';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/tokenwise.config.schema.json', `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log('wrote schema/tokenwise.config.schema.json');
