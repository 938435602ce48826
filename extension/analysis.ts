// Core results per open document, cached by document version, so lenses, hovers, diagnostics and the status bar
// share one audit per edit; oversized, minified and binary files are not audited unless the user asks.
import * as vscode from 'vscode';
import { auditText, type AuditOptions, type FileAudit } from '../core';

/** Above these sizes counting waits for an explicit "count anyway": a 10 MB file or a minified bundle is never a prompt file. */
export const limits = { maxChars: 1_000_000, maxLineChars: 20_000 };

export type FileAnalysis =
  | { state: 'ready'; audit: FileAudit; millis: number }
  | { state: 'paused'; reason: string }
  | { state: 'skipped'; reason: string };

interface Entry {
  version: number;
  optionsGeneration: number;
  result: FileAnalysis;
}

export class Analysis implements vscode.Disposable {
  private readonly files = new Map<string, Entry>();
  private readonly forced = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private generation = 0;
  /** Fired when every cached result went stale (settings, policy or a per-file model changed). */
  readonly onDidInvalidate = this.changed.event;

  constructor(private readonly optionsFor: (uri: vscode.Uri) => AuditOptions) {}

  of(document: vscode.TextDocument): FileAnalysis {
    const key = document.uri.toString();
    const cached = this.files.get(key);
    if (cached && cached.version === document.version && cached.optionsGeneration === this.generation) return cached.result;
    const result = this.analyze(document.getText(), document.uri, this.forced.has(key));
    this.files.set(key, { version: document.version, optionsGeneration: this.generation, result });
    return result;
  }

  /** Audits text that is not open in an editor (the workspace audit). */
  ofText(text: string, uri: vscode.Uri): FileAnalysis {
    return this.analyze(text, uri, false);
  }

  countAnyway(uri: vscode.Uri): void {
    this.forced.add(uri.toString());
    this.files.delete(uri.toString());
    this.changed.fire();
  }

  invalidate(): void {
    this.generation++;
    this.changed.fire();
  }

  forget(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.forced.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }

  private analyze(text: string, uri: vscode.Uri, forced: boolean): FileAnalysis {
    if (text.slice(0, 65_536).includes('\u0000')) return { state: 'skipped', reason: 'binary file' };
    if (!forced) {
      if (text.length > limits.maxChars) return { state: 'paused', reason: `large file (${(text.length / 1e6).toFixed(1)} MB)` };
      if (longestLine(text) > limits.maxLineChars) return { state: 'paused', reason: 'minified file (very long lines)' };
    }
    const started = performance.now();
    const audit = auditText(text, fileNameOf(uri), this.optionsFor(uri));
    return { state: 'ready', audit, millis: performance.now() - started };
  }
}

/** The path core sees: workspace-relative where possible, so policy globs (`prompts/**`) match. */
export function fileNameOf(uri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(uri, false);
  return uri.scheme === 'untitled' ? `${uri.path}` : relative;
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const stop = end === -1 ? text.length : end;
    longest = Math.max(longest, stop - start);
    if (end === -1) return longest;
    start = end + 1;
  }
}
