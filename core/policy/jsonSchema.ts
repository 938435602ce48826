// The published JSON Schema of the policy file, generated from the zod schema so the two cannot drift apart.
import { z } from 'zod';
import { policyObjectSchema } from './schema';

export function policyJsonSchema(): Record<string, unknown> {
  // `input`: fields with defaults are optional in the file; refinements zod cannot express are checked by parsePolicy.
  const schema = z.toJSONSchema(policyObjectSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'tokenwise policy file (tokenwise.config.json / .yaml)',
  };
}
