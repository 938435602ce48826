// Core's ranges (0-based lines and UTF-16 characters) to VS Code's.
import * as vscode from 'vscode';
import type { TextRange } from '../core';

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}
