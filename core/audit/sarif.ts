// SARIF 2.1.0 as GitHub code scanning reads it: one run, the rule table as tool.driver.rules, results with 1-based
// line/column regions (UTF-16 columns, declared by columnKind) on repository-relative URIs, and a fingerprint of
// what was found rather than where, so an alert survives edits above it.
import { rules } from './rules';
import type { FileAudit, Finding, PromptReport, Severity } from './types';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
  partialFingerprints?: { [sarifFingerprintKey]: string };
  /** The stable id of the prompt the finding is about (ExtractedPrompt.promptId) and its numbers, as every other face
   * shows them (core's estimatePrompt). */
  properties?: { promptId: string; tokenwise?: SarifPromptNumbers };
}

export interface SarifPromptNumbers {
  promptId: string;
  model: string;
  modelSource: PromptReport['modelSource'];
  modelAssumed: boolean;
  tokens: number;
  tokensExact: boolean;
  outputTokens: number;
  outputSource: PromptReport['outputSource'];
  callsPerDay: number;
  volumeSource: PromptReport['volumeSource'];
  /** Nano-dollars; absent when the model has no price. */
  costPerCall?: number;
  costPerMonth?: number;
}

/** Our own key: GitHub reserves `primaryLocationLineHash` for the hash it computes itself. */
export const sarifFingerprintKey = 'tokenwise/v1';

/** The results of one file; `relativePath` uses forward slashes and is relative to the repository root. With the
 * file's `source`, each result carries a fingerprint of its rule, file and flagged text (whitespace-insensitive,
 * numbered when the same text is flagged again), which stays the same when lines move. */
export function sarifResults(audit: FileAudit, relativePath: string, source?: string): SarifResult[] {
  const uri = relativePath.split('/').map(encodeURIComponent).join('/');
  const occurrences = new Map<string, number>();
  const fingerprint = (finding: FileAudit['findings'][number], source: string) => {
    const flagged = source.slice(finding.range.start, finding.range.end).replace(/\s+/g, ' ').trim();
    const key = `${finding.ruleId}\0${relativePath}\0${flagged}`;
    const seen = occurrences.get(key) ?? 0;
    occurrences.set(key, seen + 1);
    return { [sarifFingerprintKey]: `${hash(key)}:${seen + 1}` };
  };
  const reportOf = (finding: Finding) =>
    audit.prompts.find((report) => report.findings.some((own) => own === finding || sameFinding(own, finding)));
  return audit.findings.map((finding) => {
    const report = reportOf(finding);
    return {
      ...(source === undefined ? {} : { partialFingerprints: fingerprint(finding, source) }),
      ruleId: finding.ruleId,
      ruleIndex: rules.findIndex((rule) => rule.id === finding.ruleId),
      level: sarifLevel[finding.severity],
      message: { text: finding.message },
      ...(report ? { properties: { promptId: report.prompt.promptId, tokenwise: promptNumbers(report) } } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: {
              startLine: finding.range.startLine + 1,
              startColumn: finding.range.startCharacter + 1,
              endLine: finding.range.endLine + 1,
              endColumn: finding.range.endCharacter + 1,
            },
          },
        },
      ],
    };
  });
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId && a.range.start === b.range.start && a.range.end === b.range.end && a.message === b.message
  );
}

function promptNumbers(report: PromptReport): SarifPromptNumbers {
  return {
    promptId: report.prompt.promptId,
    model: report.model,
    modelSource: report.modelSource,
    modelAssumed: report.modelAssumed,
    tokens: report.tokens.tokens,
    tokensExact: report.tokens.exact,
    outputTokens: report.outputTokens,
    outputSource: report.outputSource,
    callsPerDay: report.callsPerDay,
    volumeSource: report.volumeSource,
    ...(report.cost ? { costPerCall: report.cost.perCall, costPerMonth: report.cost.perMonth } : {}),
  };
}

/** 53-bit string hash (cyrb53) as hex: stable across runs and platforms, and web-safe (no crypto module). */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The whole log. `notices` (skipped and unparsable files) become the invocation's tool notifications, so the
 * report says which files it did not cover. */
export function sarifLog(
  results: readonly SarifResult[],
  toolVersion: string,
  notices: readonly string[] = [],
): object {
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tokenwise',
            version: toolVersion,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.summary },
              defaultConfiguration: { level: sarifLevel[rule.defaultSeverity] },
              properties: { tags: ['llm', 'cost', ...(rule.waste ? ['waste'] : [])] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map((text) => ({ level: 'note', message: { text } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
