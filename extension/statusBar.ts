// Tokens and cost of the selection, or of the prompt under the cursor; a click picks the model for the file.
import * as vscode from 'vscode';
import { modelLabel, type Policy } from '../core';
import type { Analysis } from './analysis';
import type { Engine } from './engine';
import { perCallLabel, tokensLabel, usd } from './labels';
import { toRange } from './ranges';

export class CostStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('tokenwise.cost', vscode.StatusBarAlignment.Right, 100);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;
  private requests = 0;

  constructor(
    private readonly analysis: Analysis,
    private readonly engine: Engine,
    private readonly modelFor: (uri: vscode.Uri) => Promise<string>,
    private readonly policy: () => Promise<Policy>,
    private readonly notice: () => string | undefined,
  ) {
    this.item.name = 'tokenwise';
    this.item.command = 'tokenwise.pickModel';
  }

  /** Recomputes after the selection settles, so holding an arrow key never counts on every keystroke. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 75);
  }

  /** The text shown right now, or undefined while hidden. */
  visibleText(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  async update(): Promise<void> {
    const request = ++this.requests;
    const editor = vscode.window.activeTextEditor;
    // A count or price the worker failed to answer clears the item rather than leaving a stale one.
    const text = editor ? await this.describe(editor).catch(() => undefined) : undefined;
    if (request !== this.requests) return; // the selection moved on while this one was counted
    this.visible = text !== undefined;
    if (!text) {
      this.item.hide();
      return;
    }
    this.item.text = text.label;
    const notice = this.notice();
    this.item.tooltip = notice ? `${text.tooltip}\n${notice}` : text.tooltip;
    this.item.show();
  }

  private async describe(editor: vscode.TextEditor): Promise<{ label: string; tooltip: string } | undefined> {
    const { document, selection } = editor;
    const result = await this.analysis.of(document);
    const report =
      result.state === 'ready'
        ? result.audit.prompts.find((r) => [r.prompt.range, r.prompt.callSite?.range].some((range) => range && toRange(range).contains(selection.start)))
        : undefined;
    if (!selection.isEmpty) {
      // Counted for the model of the prompt it sits in, else the file's model.
      const model = report?.model ?? (await this.modelFor(document.uri));
      const selected = document.getText(selection);
      if (selected.length > 1_000_000) return { label: '$(symbol-number) selection too large to count', tooltip: 'tokenwise' };
      const [count] = await this.engine.count([selected], model);
      const { customModels } = await this.policy();
      const { perCall } = await this.engine.prices({ model, promptTokens: count!.tokens, outputTokens: 0, callsPerDay: 1, staticPrefixTokens: 0, customModels });
      // An unpriced model still gets its token count.
      const cost = perCall === undefined ? '' : ` · ${usd(perCall)}`;
      return { label: `$(symbol-number) ${tokensLabel(count!.tokens, count!.exact)}${cost} · ${model}`, tooltip: `Selection, as input tokens for ${model}. Click to pick the model for this file.` };
    }
    if (!report) return undefined;
    const cost = report.cost ? ` · ${perCallLabel(report)}/call` : '';
    return {
      label: `$(symbol-number) ${tokensLabel(report.tokens.tokens, report.tokens.exact)}${cost} · ${modelLabel(report)}`,
      tooltip: `Prompt under the cursor${report.modelAssumed ? `: it names no model, so ${report.model} is assumed` : ''}. Click to pick the model for this file.`,
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
  }
}
