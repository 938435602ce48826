// "tokenwise: Audit Workspace Prompts": audits every prompt-bearing file of the workspace, publishes the findings
// as diagnostics and shows a report — a table plus $/month by file and by model, drawn as inline SVG. The webview
// loads nothing remote, runs no script, follows the theme through VS Code's CSS variables, and its
// Content-Security-Policy admits only the one nonce'd stylesheet.
import * as vscode from 'vscode';
import { isSupportedFile, modelLabel, summarize as summarizeAudits, type FileAudit, type Nanos } from '../core';
import type { Ctx } from './ctx';
import { tokensLabel, usd } from './labels';

export interface WorkspaceReport {
  totalPerMonth: Nanos;
  /** Of totalPerMonth, what rests on an assumed model or the policy's default volume. */
  assumedPerMonth: Nanos;
  /** `model`: as every face names it (`assumed gpt-4o-mini (model unknown)` for a prompt naming none). */
  prompts: Array<{
    file: string;
    line: number;
    model: string;
    modelAssumed: boolean;
    tokens: number;
    exact: boolean;
    perCall: Nanos;
    perMonth: Nanos;
    findings: number;
  }>;
  byFile: Array<{ file: string; perMonth: Nanos; prompts: number; findings: number }>;
  byModel: Array<{ model: string; perMonth: Nanos; prompts: number }>;
  findings: number;
  skipped: Array<{ file: string; reason: string }>;
}

const excluded =
  '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/build/**,**/.vscode-test/**,**/coverage/**,**/.venv/**}';
const maxFileBytes = 2 * 1024 * 1024;

export async function auditWorkspace(ctx: Ctx): Promise<WorkspaceReport> {
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'tokenwise: auditing prompts', cancellable: true },
    async (progress, token) => {
      const promptGlobs = (await ctx.currentPolicy()).promptFiles;
      const uris = (await vscode.workspace.findFiles('**/*', excluded, 20_000, token)).filter((uri) =>
        isSupportedFile(vscode.workspace.asRelativePath(uri, false), { promptGlobs }),
      );
      uris.sort((a, b) => a.path.localeCompare(b.path));
      const audits: FileAudit[] = [];
      const skipped: WorkspaceReport['skipped'] = [];
      for (const [index, uri] of uris.entries()) {
        if (token.isCancellationRequested) break;
        const file = vscode.workspace.asRelativePath(uri, false);
        progress.report({ message: file, increment: 100 / uris.length });
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        let text: string;
        if (open) text = open.getText();
        else {
          const { size } = await vscode.workspace.fs.stat(uri);
          if (size > maxFileBytes) {
            skipped.push({ file, reason: `larger than ${maxFileBytes / 1024 / 1024} MB` });
            continue;
          }
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        }
        const result = await (open ? ctx.analysis.of(open) : ctx.analysis.ofText(text, uri));
        if (result.state !== 'ready') {
          skipped.push({ file, reason: result.reason });
          ctx.diagnostics.clear(uri);
          continue;
        }
        ctx.diagnostics.publish(uri, result.audit);
        audits.push({ ...result.audit, file });
        // Yield between files so the editor stays responsive during a long audit.
        if (index % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return summarize(audits, skipped);
    },
  );
  ReportPanel.show(ctx, report);
  return report;
}

function summarize(audits: FileAudit[], skipped: WorkspaceReport['skipped']): WorkspaceReport {
  const prompts = audits.flatMap((audit) =>
    audit.prompts.map((p) => ({
      file: audit.file,
      line: (p.prompt.callSite?.range ?? p.prompt.range).startLine + 1,
      model: modelLabel(p),
      modelAssumed: p.modelAssumed,
      tokens: p.tokens.tokens,
      exact: p.tokens.exact,
      perCall: p.cost?.perCall ?? 0,
      perMonth: p.cost?.perMonth ?? 0,
      findings: p.findings.length,
    })),
  );
  const group = <K extends string>(key: (p: (typeof prompts)[number]) => K) => {
    const totals = new Map<K, { perMonth: Nanos; prompts: number; findings: number }>();
    for (const p of prompts) {
      const entry = totals.get(key(p)) ?? { perMonth: 0, prompts: 0, findings: 0 };
      entry.perMonth += p.perMonth;
      entry.prompts += 1;
      entry.findings += p.findings;
      totals.set(key(p), entry);
    }
    return [...totals].sort((a, b) => b[1].perMonth - a[1].perMonth);
  };
  return {
    totalPerMonth: prompts.reduce((sum, p) => sum + p.perMonth, 0),
    assumedPerMonth: summarizeAudits(audits).costPerMonthAssumed,
    prompts,
    byFile: group((p) => p.file).map(([file, t]) => ({
      file,
      perMonth: t.perMonth,
      prompts: t.prompts,
      findings: t.findings,
    })),
    byModel: group((p) => p.model).map(([model, t]) => ({ model, perMonth: t.perMonth, prompts: t.prompts })),
    findings: audits.reduce((sum, audit) => sum + audit.findings.length, 0),
    skipped,
  };
}

export class ReportPanel {
  private static current: ReportPanel | undefined;
  html = '';

  private constructor(private readonly panel: vscode.WebviewPanel) {
    panel.onDidDispose(() => {
      if (ReportPanel.current === this) ReportPanel.current = undefined;
    });
  }

  static get open(): ReportPanel | undefined {
    return ReportPanel.current;
  }

  static show(ctx: Ctx, report: WorkspaceReport): void {
    if (!ReportPanel.current) {
      const panel = vscode.window.createWebviewPanel(
        'tokenwise.report',
        'tokenwise: Prompt costs',
        vscode.ViewColumn.Beside,
        {
          enableScripts: false,
          localResourceRoots: [],
        },
      );
      ReportPanel.current = new ReportPanel(panel);
      ctx.own(panel);
    }
    const nonce = createNonce();
    ReportPanel.current.html = renderReport(report, nonce);
    ReportPanel.current.panel.webview.html = ReportPanel.current.html;
    ReportPanel.current.panel.reveal(undefined, true);
  }
}

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Horizontal bars, longest first, as a grid of label, bar and amount that fits any column: the bar takes what the
 * label and amount leave, a long label is cut with an ellipsis (whole in its tooltip), and the amount is never cut.
 * Bars are <meter> elements so their length needs no inline style, which the Content-Security-Policy forbids.
 */
function barChart(title: string, rows: Array<{ label: string; value: Nanos }>): string {
  const shown = rows.slice(0, 12);
  const max = Math.max(1, ...shown.map((r) => r.value));
  const bars = shown
    .map(
      (row) =>
        `<span class="label" title="${escape(row.label)}"><bdi>${escape(row.label)}</bdi></span>` +
        `<meter min="0" max="${max}" value="${row.value}">${escape(usd(row.value))}</meter>` +
        `<span class="value">${escape(usd(row.value))}</span>`,
    )
    .join('');
  return `<figure><figcaption>${escape(title)}</figcaption><div class="bars" role="list" aria-label="${escape(title)}">${bars}</div></figure>`;
}

export function renderReport(report: WorkspaceReport, nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'`;
  const rows = [...report.prompts]
    .sort((a, b) => b.perMonth - a.perMonth)
    .map(
      (p) =>
        `<tr><td>${escape(p.file)}:${p.line}</td><td data-label="Model">${escape(p.model)}</td>` +
        `<td class="num" data-label="Tokens">${escape(tokensLabel(p.tokens, p.exact))}</td>` +
        `<td class="num" data-label="Per call">${p.modelAssumed ? '≈ ' : ''}${escape(usd(p.perCall))}</td>` +
        `<td class="num" data-label="Per month">${p.modelAssumed ? '≈ ' : ''}${escape(usd(p.perMonth))}</td>` +
        `<td class="num" data-label="Findings">${p.findings}</td></tr>`,
    )
    .join('');
  const skipped = report.skipped.length
    ? `<p class="muted">Not audited: ${report.skipped.map((s) => `${escape(s.file)} (${escape(s.reason)})`).join(', ')}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>tokenwise: Prompt costs</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
  h1 { font-size: 1.3em; font-weight: 600; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; margin-top: 8px; }
  th, td { padding: 3px 10px; border-bottom: 1px solid var(--vscode-panel-border); text-align: left; }
  th { color: var(--vscode-descriptionForeground); font-weight: 600; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .muted { color: var(--vscode-descriptionForeground); }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr)); gap: 8px 32px; max-width: 1400px; }
  figure { margin: 8px 0; min-width: 0; }
  figcaption { font-weight: 600; margin-bottom: 6px; }
  .bars { display: grid; grid-template-columns: minmax(0, max-content) minmax(48px, 1fr) max-content; gap: 6px 8px; align-items: center; }
  /* Cut from the start, so a long path keeps its file name: right-to-left overflow around left-to-right text. */
  .bars .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 28ch; direction: rtl; text-align: left; }
  .bars .label bdi { direction: ltr; unicode-bidi: isolate; }
  .bars .value { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; white-space: nowrap; }
  meter { width: 100%; height: 14px; -webkit-appearance: none; appearance: none; background: none; }
  meter::-webkit-meter-bar { background: none; border: none; border-radius: 2px; height: 14px; }
  meter::-webkit-meter-optimum-value { background: var(--vscode-charts-blue); border-radius: 2px; }
  /* A side column is too narrow for six columns: each prompt becomes a short block of labelled lines. */
  @media (max-width: 640px) {
    thead { display: none; }
    table, tbody, tr, td { display: block; }
    tr { border-bottom: 1px solid var(--vscode-panel-border); padding: 6px 0; }
    td, .num { border: none; padding: 1px 0; text-align: left; }
    td:first-child { overflow-wrap: anywhere; font-weight: 600; }
    td[data-label]::before { content: attr(data-label) ": "; color: var(--vscode-descriptionForeground); }
  }
  /* High-contrast themes draw bars as outlined shapes, as VS Code's own charts do there. */
  body.vscode-high-contrast meter::-webkit-meter-optimum-value, body.vscode-high-contrast-light meter::-webkit-meter-optimum-value {
    outline: 1px solid var(--vscode-contrastBorder);
  }
</style>
</head>
<body>
<h1>Prompt costs: ${escape(usd(report.totalPerMonth))}/month</h1>
<p class="muted">${report.prompts.length} prompts in ${report.byFile.length} files · ${report.findings} findings · estimates at each prompt's expected calls per day, 30-day months · ${escape(usd(report.totalPerMonth - report.assumedPerMonth))} from a known model and volume, ≈ ${escape(usd(report.assumedPerMonth))} resting on assumptions (an assumed model or the policy's default volume)</p>
<div class="charts">
${barChart(
  '$/month by file',
  report.byFile.map((f) => ({ label: f.file, value: f.perMonth })),
)}
${barChart(
  '$/month by model',
  report.byModel.map((m) => ({ label: m.model, value: m.perMonth })),
)}
</div>
<div class="scroll">
<table>
<thead><tr><th>Prompt</th><th>Model</th><th class="num">Tokens</th><th class="num">Per call</th><th class="num">Per month</th><th class="num">Findings</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
${skipped}
</body>
</html>`;
}
