// Hover on a prompt: where its tokens come from, what input and output cost, what caching saves, and the same
// prompt priced across the provider's models.
import * as vscode from 'vscode';
import {
  assumedCostMark,
  modelLabel,
  modelSourceLabels,
  outputSourceLabels,
  volumeLabel,
  type ExactTokenCounter,
  type Policy,
  type PromptReport,
} from '../core';
import type { Analysis } from './analysis';
import type { PriceQuestion, PromptPrices } from './comparison';
import type { Engine } from './engine';
import { observedView, thousands, tokensLabel, usd } from './labels';
import { toRange } from './ranges';
import type { Observed } from './teamServer';

export class PromptHovers implements vscode.HoverProvider {
  constructor(
    private readonly analysis: Analysis,
    private readonly engine: Engine,
    private readonly policy: () => Promise<Policy>,
    private readonly exactCounter: () => Promise<ExactTokenCounter | undefined>,
    private readonly exactCountsNotice: () => string | undefined,
    private readonly observed: () => Observed | undefined,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const result = await this.analysis.of(document);
    if (result.state !== 'ready') return undefined;
    const report = result.audit.prompts.find((r) =>
      [r.prompt.range, r.prompt.callSite?.range].some((range) => range && toRange(range).contains(position)),
    );
    if (!report) return undefined;
    const prices = await this.engine.prices(priceQuestion(report, await this.policy()));
    const markdown = hoverMarkdown(report, prices);
    // What the server answered last: a hover never waits for it.
    const observed = this.observed();
    const seen = observed?.of(report.prompt.promptId);
    if (observed && seen) {
      const view = observedView(report, seen, observed.usage);
      markdown.appendMarkdown(`\n**Team server** · ${view.label} · \`${report.prompt.promptId}\`\n\n`);
      if (view.mismatch)
        markdown.appendMarkdown(
          `⚠ ${view.mismatch.label}: the estimate's assumptions are wrong, or the prompt is not what runs.\n\n`,
        );
    }
    const counter = report.tokens.exact ? undefined : await this.exactCounter();
    if (counter) {
      const text = report.prompt.parts.map((part) => part.text).join('\n');
      const exact = await counter.countText(text, report.model);
      markdown.appendMarkdown(
        exact.exact
          ? `\nExact count of the prompt's text: **${thousands(exact.tokens)} tokens** (template variables as written). ${exact.note ?? ''}\n`
          : `\n_${exact.note ?? 'Exact count unavailable.'}_\n`,
      );
    } else if (!report.tokens.exact) {
      const notice = this.exactCountsNotice();
      if (notice) markdown.appendMarkdown(`\n_${notice}_\n`);
    }
    return new vscode.Hover(markdown, toRange(report.prompt.callSite?.range ?? report.prompt.range));
  }
}

/** What the worker prices for a prompt's comparison: the report's own numbers, and its recommended model. */
export function priceQuestion(report: PromptReport, policy: Policy): PriceQuestion {
  return {
    model: report.model,
    promptTokens: report.tokens.tokens,
    outputTokens: report.outputTokens,
    callsPerDay: report.callsPerDay,
    staticPrefixTokens: report.staticPrefixTokens,
    customModels: policy.customModels,
    alsoModels: report.recommendation ? [report.recommendation.model] : [],
    ...(report.tokensByModel ? { tokensByModel: report.tokensByModel } : {}),
  };
}

const partLabels: Record<string, string> = { overhead: 'message framing', template: 'prompt' };

/** The hover: the report's count line by line (they add up to its total), its cost, and the model table. */
export function hoverMarkdown(report: PromptReport, prices: PromptPrices): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const approx = report.tokens.exact ? '' : '≈ ';
  md.appendMarkdown(
    `**tokenwise** · ${modelLabel(report)} · ${tokensLabel(report.tokens.tokens, report.tokens.exact)} in, ${thousands(report.outputTokens)} tok out\n\n`,
  );
  if (report.modelAssumed) {
    md.appendMarkdown(
      `_This prompt names no model: it is counted and priced as ${report.model} (${modelSourceLabels[report.modelSource]}), an assumption._\n\n`,
    );
  }

  md.appendMarkdown('| Part | Tokens |\n|:--|--:|\n');
  for (const part of report.parts) {
    const variables = part.variableTokens > 0 ? ` (variables ≈ ${thousands(part.variableTokens)})` : '';
    md.appendMarkdown(`| ${partLabels[part.label] ?? part.label}${variables} | ${approx}${thousands(part.tokens)} |\n`);
  }
  md.appendMarkdown(`| **total in** | **${approx}${thousands(report.tokens.tokens)}** |\n`);
  const callSite = report.prompt.callSite;
  if (callSite?.usesTools) md.appendMarkdown('| tools | definitions not counted |\n');
  if (callSite?.hasImages) md.appendMarkdown('| images | priced per image, not counted |\n');
  md.appendMarkdown(
    `| expected output (${outputSourceLabels[report.outputSource]}) | ${thousands(report.outputTokens)} |\n\n`,
  );

  if (report.cost) {
    const { split } = prices;
    const callMark = report.modelAssumed ? '≈ ' : '';
    md.appendMarkdown(
      split
        ? `Per call: input ${usd(split.uncachedInput)} + output ${usd(split.output)} = **${callMark}${usd(report.cost.perCall)}** · `
        : `Per call: **${callMark}${usd(report.cost.perCall)}** · `,
    );
    md.appendMarkdown(`**${assumedCostMark(report)}${usd(report.cost.perMonth)}/month** at ${volumeLabel(report)}\n\n`);
    const caching = report.cost.withCaching;
    if (caching) {
      md.appendMarkdown(
        `Prompt caching of the ${thousands(caching.cachedPrefixTokens)}-token static prefix: ${usd(caching.perMonth)}/month ` +
          `(saves ${usd(caching.savingPerMonth)}, ${caching.savingPercent} %)\n\n`,
      );
    }
  }
  if (report.tokens.note) md.appendMarkdown(`_${report.tokens.note}_\n\n`);

  if (prices.rows.length > 0) {
    md.appendMarkdown('| Model | Tier | Per call | Per month |\n|:--|:--|--:|--:|\n');
    for (const row of prices.rows) {
      const name = row.current ? `**${row.model}**` : row.model;
      // A model whose tokenizer counts the prompt differently is priced at its own count, and says it.
      const count = row.promptTokens === report.tokens.tokens ? '' : ` (≈ ${thousands(row.promptTokens)} tok in)`;
      const marks = `${row.recommended ? ' (recommended)' : ''}${count}${row.fits ? '' : ' (too long)'}`;
      md.appendMarkdown(`| ${name}${marks} | ${row.tier} | ${usd(row.perCall)} | ${usd(row.perMonth)} |\n`);
    }
  }
  if (report.recommendation) {
    md.appendMarkdown(`\nRecommended: **${report.recommendation.model}**, because:\n\n`);
    for (const reason of report.recommendation.reasons) md.appendMarkdown(`- ${reason}\n`);
  }
  return md;
}
