// Core's ranges (0-based lines and UTF-16 characters) to VS Code's.
import * as vscode from 'vscode';
import type { ExtractedPrompt, TextRange } from '../core';

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}

/** Where a prompt names its model: the call's model literal, else the model id in a prompt file's front matter. */
export function modelRangeOf(prompt: ExtractedPrompt): TextRange | undefined {
  return prompt.callSite?.modelRange ?? prompt.modelRange;
}
