// Quick Fixes for findings that carry a mechanical fix, and "suppress this rule here" for every finding.
import * as vscode from 'vscode';
import type { Finding, PromptReport } from '../core';
import type { Analysis } from './analysis';
import { diagnosticRange, toRange } from './ranges';

export class QuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analysis: Analysis) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    // The finding under the cursor first, the narrowest first: on a model string, its switch before the call's cap.
    const ours = context.diagnostics
      .filter((d) => d.source === 'tokenwise' && typeof d.code === 'string')
      .sort(
        (a, b) =>
          Number(b.range.contains(range.start)) - Number(a.range.contains(range.start)) ||
          extent(a.range, document) - extent(b.range, document),
      );
    if (ours.length === 0) return [];
    const result = await this.analysis.of(document);
    if (result.state !== 'ready') return [];
    let preferred = false;
    return ours.flatMap((diagnostic) => {
      // By start and message: the editor may clamp a range's end to its line, never its start.
      const finding = result.audit.findings.find(
        (f) =>
          f.ruleId === diagnostic.code &&
          f.message === diagnostic.message &&
          diagnosticRange(f).start.isEqual(diagnostic.range.start),
      );
      if (!finding) return [];
      const owner = result.audit.prompts.find((report) => report.findings.includes(finding));
      const actions: vscode.CodeAction[] = [];
      if (finding.fix) {
        const action = new vscode.CodeAction(finding.fix.description, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of finding.fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        action.diagnostics = [diagnostic];
        action.isPreferred = !preferred;
        preferred = true;
        actions.push(action);
      }
      actions.push(suppression(document, diagnostic, finding, owner));
      return actions;
    });
  }
}

/** A range's length in characters of the document, for ordering. */
function extent(range: vscode.Range, document: vscode.TextDocument): number {
  return document.offsetAt(range.end) - document.offsetAt(range.start);
}

function suppression(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  finding: Finding,
  owner: PromptReport | undefined,
): vscode.CodeAction {
  // Above the call (or prompt) rather than the finding: a comment inside a template literal would become prompt text.
  const line = owner?.prompt.callSite?.range.startLine ?? owner?.prompt.range.startLine ?? finding.range.startLine;
  const target = document.lineAt(line);
  const indent = target.text.slice(0, target.firstNonWhitespaceCharacterIndex);
  const action = new vscode.CodeAction(`Suppress ${finding.ruleId} here`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(
    document.uri,
    new vscode.Position(line, 0),
    `${indent}${suppressionComment(document, finding.ruleId)}\n`,
  );
  action.diagnostics = [diagnostic];
  return action;
}

/**
 * The inline suppression comment in the comment syntax of the file's template engine (so rendering drops it and it
 * never reaches the model), else of its language.
 */
export function suppressionComment(document: Pick<vscode.TextDocument, 'uri' | 'languageId'>, ruleId: string): string {
  const directive = `tokenwise-disable-next-line ${ruleId}`;
  const extension = /\.[^./]+$/.exec(document.uri.path)?.[0].toLowerCase() ?? '';
  if (['.prompty', '.j2', '.jinja', '.jinja2'].includes(extension)) return `{# ${directive} #}`;
  if (['.prompt', '.hbs', '.handlebars', '.mustache'].includes(extension)) return `{{! ${directive} }}`;
  if (extension === '.liquid') return `{% comment %}${directive}{% endcomment %}`;
  if (['python', 'yaml', 'shellscript', 'ruby', 'toml'].includes(document.languageId)) return `# ${directive}`;
  if (['markdown', 'html', 'xml'].includes(document.languageId)) return `<!-- ${directive} -->`;
  return `// ${directive}`;
}
