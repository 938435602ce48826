// The read API's answer (`GET /v1/usage/prompts`): what each prompt id really cost over a window of days. The bot
// builds it and the CLI (`--volumes-from`) and the editor read it, so both sides check it with this one schema.
import { z } from 'zod';
import { promptIdSchema } from './event';

const count = z.number().int().nonnegative();
const day = z.iso.date();

export const observedPromptSchema = z.object({
  prompt: promptIdSchema,
  /** Model calls the ledger saw for this prompt in the window. */
  calls: count,
  /** `calls` over the window's days (a fraction). */
  callsPerDay: z.number().nonnegative(),
  /** All input, cache reads and writes included (the ledger's convention). */
  inputTokens: count,
  cacheReadTokens: count,
  outputTokens: count,
  /** Exact cost in nano-USD. */
  costNanos: count,
});

export const observedUsageSchema = z.object({
  /** The app the answer is limited to, or null for all apps. */
  app: z.string().nullable(),
  /** First and last day of the window (inclusive), in the ledger's time zone. */
  from: day,
  to: day,
  days: z.number().int().positive(),
  prompts: z.array(observedPromptSchema),
});

export type ObservedPrompt = z.infer<typeof observedPromptSchema>;
export type ObservedUsage = z.infer<typeof observedUsageSchema>;
