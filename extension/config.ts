// The extension's settings, read through one zod schema so a hand-edited settings.json can never feed a bad value
// to core; an invalid field falls back to its default and is reported once, naming the setting.
import * as vscode from 'vscode';
import { z } from 'zod';

const settingsSchema = z.object({
  defaultModel: z.string().trim().default(''),
  callsPerDay: z.number().nonnegative().finite().nullable().default(null),
  outputTokens: z.number().int().positive().nullable().default(null),
  lensesEnabled: z.boolean().default(true),
  lensLanguages: z.record(z.string(), z.boolean()).default({}),
  policyFile: z.string().trim().default(''),
  exactCountsProvider: z.enum(['off', 'anthropic', 'google']).default('off'),
  exactCountsBaseUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
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
