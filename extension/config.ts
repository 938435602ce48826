// The extension's settings, read through one zod schema so a hand-edited settings.json can never feed a bad value
// to core; an invalid field falls back to its default and is reported once, naming the setting. zod's tree-shakable
// form (zod/mini, with only its English messages): activation loads this, and the full API would add 0.4 MB.
import * as vscode from 'vscode';
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

const trimmed = z.string().check(z.trim());

const settingsSchema = z.object({
  defaultModel: z._default(trimmed, ''),
  callsPerDay: z._default(z.nullable(z.number().check(z.nonnegative())), null),
  outputTokens: z._default(z.nullable(z.int().check(z.positive())), null),
  lensesEnabled: z._default(z.boolean(), true),
  lensLanguages: z._default(z.record(z.string(), z.boolean()), {}),
  policyFile: z._default(trimmed, ''),
  exactCountsProvider: z._default(z.enum(['off', 'anthropic', 'google']), 'off'),
  exactCountsBaseUrl: z._default(z.union([z.url({ protocol: /^https?$/ }), z.literal('')]), ''),
});

export type Settings = z.output<typeof settingsSchema>;

const keys: Record<keyof Settings, string> = {
  defaultModel: 'defaultModel',
  callsPerDay: 'callsPerDay',
  outputTokens: 'outputTokens',
  lensesEnabled: 'lenses.enabled',
  lensLanguages: 'lenses.languages',
  policyFile: 'policyFile',
  exactCountsProvider: 'exactCounts.provider',
  exactCountsBaseUrl: 'exactCounts.baseUrl',
};

export function readSettings(report: (message: string) => void): Settings {
  const section = vscode.workspace.getConfiguration('tokenwise');
  const raw = Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, section.get(key)]));
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const settings: Record<string, unknown> = { ...raw };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0]) as keyof Settings;
    report(`Setting tokenwise.${keys[field]} ignored: ${issue.message}`);
    delete settings[field];
  }
  return settingsSchema.parse(settings);
}

export function lensesEnabledFor(settings: Settings, languageId: string): boolean {
  return settings.lensesEnabled && settings.lensLanguages[languageId] !== false;
}
