// Quick Fixes for findings that carry a mechanical fix, and "suppress this rule here" for every finding.
import * as vscode from 'vscode';
import type { Finding, PromptReport } from '../core';
import type { Analysis } from './analysis';
import { toRange } from './ranges';

export class QuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analysis: Analysis) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === 'tokenwise' && typeof d.code === 'string');
    if (ours.length === 0) return [];
    const result = await this.analysis.of(document);
    if (result.state !== 'ready') return [];
    return ours.flatMap((diagnostic) => {
      const finding = result.audit.findings.find((f) => f.ruleId === diagnostic.code && toRange(f.range).isEqual(diagnostic.range));
      if (!finding) return [];
      const owner = result.audit.prompts.find((report) => report.findings.includes(finding));
      const actions: vscode.CodeAction[] = [];
      if (finding.fix) {
        const action = new vscode.CodeAction(finding.fix.description, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of finding.fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      actions.push(suppression(document, diagnostic, finding, owner));
      return actions;
    });
  }
}

function suppression(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding, owner: PromptReport | undefined): vscode.CodeAction {
  // Above the call (or prompt) rather than the finding: a comment inside a template literal would become prompt text.
  const line = owner?.prompt.callSite?.range.startLine ?? owner?.prompt.range.startLine ?? finding.range.startLine;
  const target = document.lineAt(line);
  const indent = target.text.slice(0, target.firstNonWhitespaceCharacterIndex);
  const action = new vscode.CodeAction(`Suppress ${finding.ruleId} here`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, new vscode.Position(line, 0), `${indent}${suppressionComment(document, finding.ruleId)}\n`);
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
