// Hover on a prompt: where its tokens come from, what input and output cost, what caching saves, and the same
// prompt priced across the provider's models.
import * as vscode from 'vscode';
import type { ExactTokenCounter, Policy, PromptReport } from '../core';
import type { Analysis } from './analysis';
import type { PriceQuestion, PromptPrices } from './comparison';
import type { Engine } from './engine';
import { callsLabel, thousands, tokensLabel, usd } from './labels';
import { toRange } from './ranges';

export class PromptHovers implements vscode.HoverProvider {
  constructor(
    private readonly analysis: Analysis,
    private readonly engine: Engine,
    private readonly policy: () => Promise<Policy>,
    private readonly exactCounter: () => Promise<ExactTokenCounter | undefined>,
    private readonly exactCountsNotice: () => string | undefined,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const result = await this.analysis.of(document);
    if (result.state !== 'ready') return undefined;
    const report = result.audit.prompts.find((r) =>
      [r.prompt.range, r.prompt.callSite?.range].some((range) => range && toRange(range).contains(position)),
    );
    if (!report) return undefined;
    const partTokens = (await this.engine.count(report.prompt.parts.map((part) => part.text), report.model)).map((count) => count.tokens);
    const prices = await this.engine.prices(priceQuestion(report, await this.policy(), staticPrefixTokens(report, partTokens)));
    const markdown = hoverMarkdown(report, partTokens, prices);
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

/** What the worker prices for a prompt. `staticPrefixTokens` matters only for the caching estimate. */
export function priceQuestion(report: PromptReport, policy: Policy, staticPrefixTokens = 0): PriceQuestion {
  return {
    model: report.model,
    promptTokens: report.tokens.tokens,
    outputTokens: report.outputTokens,
    callsPerDay: report.callsPerDay,
    staticPrefixTokens,
    customModels: policy.customModels,
  };
}

/** `partTokens`: the token count of each part's text, in the order of `report.prompt.parts`. */
export function hoverMarkdown(report: PromptReport, partTokens: number[], prices: PromptPrices): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**tokenwise** · ${report.model} · ${tokensLabel(report.tokens.tokens, report.tokens.exact)} in, ${thousands(report.outputTokens)} tok out\n\n`);

  md.appendMarkdown('| Part | Tokens |\n|:--|--:|\n');
  const byRole = new Map<string, number>();
  for (const [index, part] of report.prompt.parts.entries()) {
    const tokens = partTokens[index]! + part.variables.reduce((sum, v) => sum + v.estimatedTokens, 0);
    byRole.set(part.role, (byRole.get(part.role) ?? 0) + tokens);
  }
  for (const [role, tokens] of byRole) md.appendMarkdown(`| ${role} | ${thousands(tokens)} |\n`);
  const callSite = report.prompt.callSite;
  if (callSite?.usesTools) md.appendMarkdown('| tools | definitions not counted |\n');
  if (callSite?.hasImages) md.appendMarkdown('| images | priced per image, not counted |\n');
  md.appendMarkdown(`| expected output | ${thousands(report.outputTokens)} |\n\n`);

  if (report.cost) {
    const { split, caching } = prices;
    md.appendMarkdown(
      split
        ? `Per call: input ${usd(split.uncachedInput)} + output ${usd(split.output)} = **${usd(report.cost.perCall)}** · `
        : `Per call: **${usd(report.cost.perCall)}** · `,
    );
    md.appendMarkdown(`**${usd(report.cost.perMonth)}/month** at ${callsLabel(report.callsPerDay)} calls/day\n\n`);
    if (caching) {
      md.appendMarkdown(
        `Prompt caching of the ${thousands(caching.cachedPrefixTokens)}-token static prefix: ${usd(caching.perMonth)}/month ` +
          `(saves ${usd(caching.savingPerMonth)}, ${caching.savingPercent} %)\n\n`,
      );
    }
  }
  if (!report.tokens.exact && report.tokens.note) md.appendMarkdown(`_${report.tokens.note}_\n\n`);

  if (prices.rows.length > 0) {
    md.appendMarkdown('| Model | Tier | Per call | Per month |\n|:--|:--|--:|--:|\n');
    for (const row of prices.rows) {
      const name = row.current ? `**${row.model}**` : row.model;
      md.appendMarkdown(`| ${name}${row.fits ? '' : ' (too long)'} | ${row.tier} | ${usd(row.perCall)} | ${usd(row.perMonth)} |\n`);
    }
  }
  if (report.recommendation) {
    md.appendMarkdown(`\nRecommended: **${report.recommendation.model}** — ${report.recommendation.reasons.join('; ')}\n`);
  }
  return md;
}

/**
 * The static prefix: every part before the first one holding a variable (the same on every call, so a provider can
 * serve it from its cache).
 */
function staticPrefixTokens(report: PromptReport, partTokens: number[]): number {
  let tokens = 0;
  for (const [index, part] of report.prompt.parts.entries()) {
    if (part.variables.length > 0) break;
    tokens += partTokens[index]!;
  }
  return tokens;
}
