// Core's ranges (0-based lines and UTF-16 characters) to VS Code's.
import * as vscode from 'vscode';
import type { ExtractedPrompt, Finding, TextRange } from '../core';

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}

/** Where a prompt names its model: the call's model literal, else the model id in a prompt file's front matter. */
export function modelRangeOf(prompt: ExtractedPrompt): TextRange | undefined {
  return prompt.callSite?.modelRange ?? prompt.modelRange;
}

/** Findings about a call as a whole; the rest are about a model value or a stretch of prompt text. */
const callFindings = new Set(['no-output-cap', 'unbounded-retry', 'unbounded-context']);

/**
 * Where the editor underlines a finding: a finding about the whole call only on the call's first line (where its
 * options begin), so a seven-line call stays readable; others on their own range (a model value, a run of text).
 */
export function diagnosticRange(finding: Finding): vscode.Range {
  const range = toRange(finding.range);
  if (!callFindings.has(finding.ruleId) || range.isSingleLine) return range;
  return new vscode.Range(range.start, new vscode.Position(range.start.line + 1, 0));
}
