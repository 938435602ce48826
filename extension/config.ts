// The extension's settings, read through one zod schema so a hand-edited settings.json can never feed a bad value
// to core; an invalid field falls back to its default and is reported once, naming the setting. zod's tree-shakable
// form (zod/mini, with only its English messages): activation loads this, and the full API would add 0.4 MB.
import * as vscode from 'vscode';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { baseUrlProblem, serverUrlProblem } from '../core';

z.config(en());

const trimmed = z.string().check(z.trim());

/** A path inside the first workspace folder: a workspace may choose its policy file, but not one outside itself. */
const policyPath = trimmed.check(
  z.refine((path) => !/^([/\\]|[A-Za-z]:)/.test(path) && !path.split(/[/\\]/).includes('..'), {
    error: 'expected a path inside the first workspace folder (relative, without ..)',
  }),
);

/** A URL a secret may be sent to, or '' for none; `problemOf` says why one may not. */
const secretUrl = (problemOf: (url: string) => string | undefined) =>
  trimmed.check(
    z.superRefine((url, ctx) => {
      const problem = url === '' ? undefined : problemOf(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );
const baseUrl = secretUrl(baseUrlProblem);
const serverUrl = secretUrl(serverUrlProblem);

/** An app name as the ledger keeps it: the only thing besides the token that the editor sends the team's server. */
const appName = trimmed.check(
  z.maxLength(200, 'expected at most 200 characters'),
  z.regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'expected no control characters'),
);

const settingsSchema = z.object({
  defaultModel: z._default(trimmed, ''),
  callsPerDay: z._default(z.nullable(z.number().check(z.nonnegative())), null),
  outputTokens: z._default(z.nullable(z.int().check(z.positive())), null),
  lensesEnabled: z._default(z.boolean(), true),
  lensLanguages: z._default(z.record(z.string(), z.boolean()), {}),
  policyFile: z._default(policyPath, ''),
  exactCountsProvider: z._default(z.enum(['off', 'anthropic', 'google']), 'off'),
  exactCountsBaseUrl: z._default(baseUrl, ''),
  serverUrl: z._default(serverUrl, ''),
  serverApp: z._default(appName, ''),
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
  serverUrl: 'server.url',
  serverApp: 'server.app',
};

/**
 * The settings that decide where prompt text and a key go. Declared `"scope": "application"` in package.json, so VS
 * Code ignores them in workspace and folder settings; read from the user's own settings only all the same, so a
 * workspace value could not reach them even if the declaration were lost.
 */
export const userOnlySettings: ReadonlySet<keyof Settings> = new Set([
  'exactCountsProvider',
  'exactCountsBaseUrl',
  'serverUrl',
]);

export function readSettings(report: (message: string) => void): Settings {
  const section = vscode.workspace.getConfiguration('tokenwise');
  const raw = Object.fromEntries(
    Object.entries(keys).map(([field, key]) => [
      field,
      userOnlySettings.has(field as keyof Settings) ? section.inspect(key)?.globalValue : section.get(key),
    ]),
  );
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const settings: Record<string, unknown> = { ...raw };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0]) as keyof Settings;
    // A proxy the user chose but that may not receive the key leaves exact counts off, rather than sending the text
    // to the provider directly instead.
    const consequence =
      field === 'exactCountsBaseUrl'
        ? '; exact counts stay off until it is fixed'
        : field === 'serverUrl'
          ? '; the team server stays disconnected until it is fixed'
          : '';
    report(`Setting tokenwise.${keys[field]} ignored: ${issue.message}${consequence}`);
    delete settings[field];
    if (field === 'exactCountsBaseUrl') settings.exactCountsProvider = 'off';
  }
  return settingsSchema.parse(settings);
}

export function lensesEnabledFor(settings: Settings, languageId: string): boolean {
  return settings.lensesEnabled && settings.lensLanguages[languageId] !== false;
}
