// A credential in prompt text is sent to the provider with every call, lands in their logs, in traces and in any
// transcript the model echoes. Patterns follow each issuer's documented key format; the message shows only the
// first characters so the report itself never repeats the secret.
import type { FindingDraft, Rule } from '../types';

export const secretPatterns: readonly { kind: string; pattern: RegExp }[] = [
  // Anthropic first: its keys also start with `sk-`.
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
];

export const secretInPrompt: Rule = {
  id: 'secret-in-prompt',
  defaultSeverity: 'error',
  summary: 'An API key, token or private key inside prompt text',
  waste: false,
  check(context) {
    const findings: FindingDraft[] = [];
    for (const view of context.parts) {
      const taken: [number, number][] = [];
      for (const { kind, pattern } of secretPatterns) {
        for (const match of view.part.text.matchAll(pattern)) {
          const start = match.index;
          const end = start + match[0].length;
          if (taken.some(([a, b]) => start < b && end > a)) continue;
          taken.push([start, end]);
          findings.push({
            message: `${kind} in the prompt (${redact(match[0])}): it is sent to the provider on every call. Remove it and rotate the key.`,
            range: context.partRange(view, start, end),
          });
        }
      }
    }
    return findings;
  },
};

/** Enough to recognise which key it is, never enough to use it. */
export function redact(secret: string): string {
  const shown = secret.startsWith('-----')
    ? secret.slice(0, 16)
    : secret.slice(0, Math.min(8, Math.floor(secret.length / 3)));
  return `${shown}… ${secret.length} chars`;
}
