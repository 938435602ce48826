// SARIF 2.1.0 as GitHub code scanning reads it: one run, the rule table as tool.driver.rules, results with 1-based
// line/column regions (UTF-16 columns, declared by columnKind) on repository-relative URIs.
import { rules } from './rules';
import type { FileAudit, Severity } from './types';

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
}

/** The results of one file; `relativePath` uses forward slashes and is relative to the repository root. */
export function sarifResults(audit: FileAudit, relativePath: string): SarifResult[] {
  const uri = relativePath.split('/').map(encodeURIComponent).join('/');
  return audit.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: rules.findIndex((rule) => rule.id === finding.ruleId),
    level: sarifLevel[finding.severity],
    message: { text: finding.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri },
        region: {
          startLine: finding.range.startLine + 1,
          startColumn: finding.range.startCharacter + 1,
          endLine: finding.range.endLine + 1,
          endColumn: finding.range.endCharacter + 1,
        },
      },
    }],
  }));
}

export function sarifLog(results: readonly SarifResult[], toolVersion: string): object {
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [{
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
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
