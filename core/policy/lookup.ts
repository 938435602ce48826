// Questions consumers ask of a policy. Entries are matched in file order and the first match wins, so specific
// globs go before broad ones.
import { matchesModelGlob, matchesPathGlob } from './glob';
import type { Policy, RuleLevel } from './schema';

function matches(glob: string, filePath: string, promptName: string | undefined): boolean {
  return matchesPathGlob(glob, filePath) || (promptName !== undefined && matchesModelGlob(glob, promptName));
}

/** The `volumes` entry that sets a prompt's calls per day, by file path (relative or absolute) or prompt name. */
export function callsPerDayEntry(
  policy: Policy,
  filePath: string,
  promptName?: string,
): Policy['volumes'][number] | undefined {
  return policy.volumes.find((entry) => matches(entry.glob, filePath, promptName));
}

/** Expected calls per day for a prompt: its `volumes` entry, else the policy's default. */
export function callsPerDayFor(policy: Policy, filePath: string, promptName?: string): number {
  return callsPerDayEntry(policy, filePath, promptName)?.callsPerDay ?? policy.defaultCallsPerDay;
}

/** The `outputTokens` entry that sets a prompt's expected output. */
export function outputTokensEntry(
  policy: Policy,
  filePath: string,
  promptName?: string,
): Policy['outputTokens'][number] | undefined {
  return policy.outputTokens.find((entry) => matches(entry.glob, filePath, promptName));
}

/** Output tokens to assume for a prompt whose call site sets no max tokens. */
export function outputTokensFor(policy: Policy, filePath: string, promptName?: string): number {
  return outputTokensEntry(policy, filePath, promptName)?.tokens ?? policy.defaultOutputTokens;
}

/**
 * Whether the policy allows `model` in `environment`. An environment not listed falls back to the `default` list;
 * a policy with neither restricts nothing.
 */
export function isModelApproved(policy: Policy, model: string, environment: string): boolean {
  const approved = approvedModelsFor(policy, environment);
  return approved === undefined || approved.some((glob) => matchesModelGlob(glob, model));
}

/** The model ids and globs approved in `environment` (or `default`); undefined when the policy restricts nothing. */
export function approvedModelsFor(policy: Policy, environment: string): string[] | undefined {
  return policy.approvedModels?.[environment] ?? policy.approvedModels?.['default'];
}

/** The level the policy sets for an audit rule, or the rule's own default when the policy leaves it alone. */
export function ruleSeverity<Severity extends string>(
  policy: Policy,
  ruleId: string,
  defaultSeverity: Severity,
): Severity | RuleLevel {
  return policy.rules[ruleId] ?? defaultSeverity;
}

/** The environment whose approved models apply when none is named. */
export const defaultEnvironment = 'default';

/** The environments a policy knows: `default` and every one its approvedModels name. */
export function environmentsOf(policy: Policy): string[] {
  return [...new Set([defaultEnvironment, ...Object.keys(policy.approvedModels ?? {})])];
}
