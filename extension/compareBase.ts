// "tokenwise: Compare This File with the Base Branch": what `tokenwise diff` reports for one file, in the editor. The
// base is the file at the merge base of HEAD with the default branch, read through the built-in git extension's API;
// both sides are audited by the engine, as the lenses are, and matched and classified by core's diffAudits. Desktop
// only: the web has no git extension to ask.
import * as vscode from 'vscode';
import { describeChange, diffAudits, formatUsd, type DiffResult, type PromptDiff, type PromptState } from '../core';
import { fileNameOf } from './analysis';
import type { Ctx } from './ctx';

/** The part of the git extension's API (vscode.git, version 1) this command uses. */
interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState(listener: (state: string) => void): vscode.Disposable;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitRepository {
  rootUri: vscode.Uri;
  getMergeBase(ref1: string, ref2: string): Promise<string | undefined>;
  show(ref: string, path: string): Promise<string>;
}

/** Where the default branch may be, in the order `tokenwise diff` looks for it. */
const defaultBranches = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];

export interface Comparison {
  /** The branch the merge base was taken with, and the merge base's commit. */
  branch: string;
  mergeBase: string;
  result: DiffResult;
  /** The report as shown (Markdown). */
  markdown: string;
}

/** Compares the file with its state at the merge base; a message (and undefined) when it cannot. */
export async function compareWithBase(ctx: Ctx, uri?: vscode.Uri): Promise<Comparison | string> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) return 'Open a file in an editor to compare it with the base branch.';
  const git = document.uri.scheme === 'file' ? await gitApi() : undefined;
  // The web-worker host (vscode.dev) has no git extension, and a virtual file no repository on disk.
  if (!git)
    return 'Comparing with the base branch needs the built-in git extension and a file on disk: it is not available on the web.';
  const folder = vscode.Uri.joinPath(document.uri, '..');
  const repository = git.getRepository(document.uri) ?? (await git.openRepository?.(folder)) ?? null;
  if (!repository) return `${vscode.workspace.asRelativePath(document.uri)} is not in a git repository.`;
  const base = await mergeBaseOf(repository);
  if (!base) return `No default branch to compare with (looked for ${defaultBranches.join(', ')}).`;
  // A file new since the merge base has no base side: every prompt in it is added.
  const baseText = await repository.show(base.commit, document.uri.fsPath).catch(() => undefined);
  const fileName = fileNameOf(document.uri);
  const options = await ctx.auditOptions(document.uri);
  const [before, after] = await Promise.all([
    baseText === undefined ? undefined : ctx.engine.audit(baseText, fileName, options),
    ctx.engine.audit(document.getText(), fileName, options),
  ]);
  const result = diffAudits(before ? [before.audit] : [], [after.audit]);
  const markdown = comparisonMarkdown(fileName, base.branch, base.commit, result);
  return { branch: base.branch, mergeBase: base.commit, result, markdown };
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  if (!extension) return undefined;
  const api = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
  if (api.state !== 'initialized')
    await new Promise<void>((resolve) => {
      const listener = api.onDidChangeState((state) => {
        if (state !== 'initialized') return;
        listener.dispose();
        resolve();
      });
    });
  return api;
}

async function mergeBaseOf(repository: GitRepository): Promise<{ branch: string; commit: string } | undefined> {
  for (const branch of defaultBranches) {
    const commit = await repository.getMergeBase('HEAD', branch).catch(() => undefined);
    if (commit) return { branch, commit };
  }
  return undefined;
}

function signedUsd(nanos: number): string {
  return nanos > 0 ? `+${formatUsd(nanos)}` : nanos < 0 ? `−${formatUsd(-nanos)}` : '$0';
}

function money(state: PromptState | undefined): string {
  return !state ? '–' : state.perMonth === undefined ? 'no price' : formatUsd(state.perMonth);
}

function tokens(state: PromptState | undefined): string {
  return state ? `${state.tokensExact ? '' : '≈'}${state.tokens.toLocaleString('en-US')}` : '–';
}

function changeOf(diff: PromptDiff): string {
  if (diff.status !== 'changed') return diff.status;
  return diff.changes.map(describeChange).join('; ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The change as `tokenwise diff --format markdown` lays it out: headline, one row per changed prompt, findings. */
export function comparisonMarkdown(fileName: string, branch: string, commit: string, result: DiffResult): string {
  const { totals } = result;
  const lines = [
    `# tokenwise: ${fileName} vs ${branch}`,
    '',
    `Merge base ${commit.slice(0, 7)} → this editor's text.`,
    '',
  ];
  if (result.prompts.length === 0) {
    lines.push(`No prompt changed (${totals.unchanged} unchanged).`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `**${signedUsd(totals.change)}/month**: ${totals.added} added, ${totals.removed} removed, ${totals.changed} changed (${totals.unchanged} unchanged); ${formatUsd(totals.baseMonthly)} → ${formatUsd(totals.headMonthly)} per month.`,
    '',
    '| Prompt | Change | Tokens/call | $/month | Δ $/month |',
    '| --- | --- | ---: | ---: | ---: |',
  );
  for (const diff of result.prompts) {
    const span = (pick: (state: PromptState | undefined) => string) =>
      diff.status === 'changed' && pick(diff.base) !== pick(diff.head)
        ? `${pick(diff.base)} → ${pick(diff.head)}`
        : pick(diff.head ?? diff.base);
    lines.push(
      `| \`${cell(diff.promptId)}\` | ${cell(changeOf(diff))} | ${span(tokens)} | ${span(money)} | ${diff.unpriced ? 'no price' : signedUsd(diff.monthlyChange)} |`,
    );
  }
  const findings = result.prompts.flatMap((diff) =>
    diff.newFindings.map(
      (finding) =>
        `- new ${finding.severity} \`${finding.ruleId}\` (line ${finding.range.startLine + 1}): ${cell(finding.message)}`,
    ),
  );
  if (findings.length > 0) lines.push('', ...findings);
  lines.push(
    '',
    '_Months of 30 days; ≈ marks estimated token counts. `tokenwise diff` reports the same for a whole change._',
  );
  return `${lines.join('\n')}\n`;
}
