// The reports of `tokenwise diff`: text for terminals, markdown for a pull-request comment (bounded by GitHub's
// comment limit, empty when nothing changed), JSON, and SARIF of the findings the change introduces.
import {
  callsPerDayText,
  describeChange,
  formatUsd,
  pricesAsOf,
  sarifLog,
  sarifResults,
  type DiffResult,
  type Finding,
  type PromptDiff,
  type PromptState,
  type SarifResult,
  type VolumeSource,
} from '../core';
import { version } from '../package.json';
import { observedSourceLabel, type ObservedSource } from './observed';

export const diffFormats = ['text', 'markdown', 'json', 'sarif'] as const;
export type DiffFormat = (typeof diffFormats)[number];

export interface DiffSide {
  /** As given (`main`, `HEAD~1`), or what was chosen (`merge base`, `working tree`). */
  ref: string;
  /** Undefined for the working tree. */
  commit?: string;
}

export interface DiffContext {
  base: DiffSide;
  head: DiffSide;
  /** Head sources by file, for SARIF fingerprints. */
  sources: ReadonlyMap<string, string>;
  notices: string[];
  callsPerDay?: number;
  defaultCallsPerDay: number;
  /** Where observed volumes came from (--volumes-from), when read. */
  observed?: ObservedSource;
}

/** GitHub refuses comments over 65,536 characters; the rest is room for the sticky-comment marker. */
export const markdownLimit = 65_536 - 512;

export function renderDiff(format: DiffFormat, result: DiffResult, context: DiffContext): string {
  if (format === 'json') return `${JSON.stringify(jsonDiff(result, context), null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarifDiff(result, context), null, 2)}\n`;
  if (format === 'markdown') return markdownDiff(result, context);
  return textDiff(result, context);
}

const sourceLabels: Record<VolumeSource, string> = {
  observed: 'observed',
  annotation: 'annotated in code',
  policy: 'policy volumes',
  option: 'chosen for this run',
  'policy-default': 'assumed: default volume',
};

function sideLabel(side: DiffSide): string {
  return side.commit ? `${side.ref} (${side.commit.slice(0, 7)})` : side.ref;
}

function signedUsd(nanos: number): string {
  return nanos > 0 ? `+${formatUsd(nanos)}` : nanos < 0 ? `−${formatUsd(-nanos)}` : '$0';
}

function signedPercent(percent: number | undefined): string {
  if (percent === undefined) return '';
  const rounded = Math.round(percent * 10) / 10;
  return ` (${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toLocaleString('en-US')}%)`;
}

const count = (n: number) => n.toLocaleString('en-US');

function tokens(state: PromptState | undefined): string {
  return state ? `${state.tokensExact ? '' : '≈'}${count(state.tokens)}` : '–';
}

function money(value: number | undefined, present: boolean): string {
  return !present ? '–' : value === undefined ? 'no price' : formatUsd(value);
}

function span(diff: PromptDiff, pick: (state: PromptState | undefined) => string): string {
  if (diff.status === 'added') return pick(diff.head);
  if (diff.status === 'removed') return pick(diff.base);
  const before = pick(diff.base);
  const after = pick(diff.head);
  return before === after ? after : `${before} → ${after}`;
}

function delta(diff: PromptDiff): string {
  return diff.unpriced ? 'no price' : signedUsd(diff.monthlyChange);
}

function volume(state: PromptState, context: DiffContext): string {
  return `${callsPerDayText(state.callsPerDay)}/day (${sourceLabel(state.volumeSource, context)})`;
}

/** `observed (last 7 days)` when observed volumes were read, else the source's plain label. */
function sourceLabel(source: VolumeSource, context: DiffContext): string {
  return source === 'observed' && context.observed ? `observed (${context.observed.window})` : sourceLabels[source];
}

/** Where observed volumes came from, for the notes under a report. */
function observedNote(context: DiffContext): string | undefined {
  return context.observed && `Volumes marked observed: ${observedSourceLabel(context.observed)}.`;
}

function changeSummary(diff: PromptDiff): string {
  if (diff.status === 'added')
    return diff.newFindings.length > 0 ? `added; ${diff.newFindings.length} finding(s)` : 'added';
  if (diff.status === 'removed') return 'removed';
  return diff.changes.map(describeChange).join('; ');
}

function assumptions(result: DiffResult, context: DiffContext): string {
  const parts = (Object.entries(result.volumeSources) as [VolumeSource, number][]).map(([source, n]) => {
    const label =
      source === 'policy-default'
        ? context.callsPerDay === undefined
          ? `assumed (policy default ${count(context.defaultCallsPerDay)} calls/day)`
          : `assumed (--calls-per-day ${count(context.callsPerDay)})`
        : sourceLabel(source, context);
    return `${n} ${label}`;
  });
  return parts.length > 0 ? `volumes: ${parts.join(', ')}` : '';
}

function headline(result: DiffResult): string {
  const { totals } = result;
  return `${signedUsd(totals.change)}/month${signedPercent(totals.percent)}`;
}

function summary(result: DiffResult, context: DiffContext): string {
  const { totals } = result;
  const counts = [`${totals.added} added`, `${totals.removed} removed`, `${totals.changed} changed`].join(', ');
  const unpriced = totals.unpriced > 0 ? `; ${totals.unpriced} with a side that has no price (not in the totals)` : '';
  return `${counts} (${totals.unchanged} unchanged in the changed files); ${formatUsd(totals.baseMonthly)} → ${formatUsd(totals.headMonthly)} per month for the prompts of the changed files${unpriced}; ${assumptions(result, context)}`;
}

// ---- text

function textDiff(result: DiffResult, context: DiffContext): string {
  const out = [`tokenwise diff: ${sideLabel(context.base)} → ${sideLabel(context.head)}`];
  if (result.prompts.length === 0) {
    out.push('No prompt changed.');
  } else {
    out.push(`${headline(result)}: ${summary(result, context)}`, '');
    const rows = result.prompts.map((diff) => [
      diff.status,
      diff.promptId,
      span(diff, tokens),
      span(diff, (s) => money(s?.perCall, s !== undefined)),
      span(diff, (s) => money(s?.perMonth, s !== undefined)),
      delta(diff),
      volume((diff.head ?? diff.base)!, context),
    ]);
    const titles = ['STATUS', 'PROMPT', 'TOKENS/CALL', '$/CALL', '$/MONTH', 'Δ $/MONTH', 'VOLUME'];
    const widths = titles.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => (i >= 2 && i <= 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    out.push(line(titles));
    result.prompts.forEach((diff, i) => {
      out.push(line(rows[i]!));
      const state = (diff.head ?? diff.base)!;
      const details = [`${state.file}:${state.line}`, `${state.model}${state.modelAssumed ? ' (assumed)' : ''}`];
      if (diff.status === 'changed') details.push(changeSummary(diff));
      out.push(`    ${details.join(' · ')}`);
      for (const finding of diff.newFindings)
        out.push(`    new ${finding.severity} ${finding.ruleId}: ${finding.message}`);
    });
  }
  if (context.notices.length > 0) out.push('', 'Notices', ...context.notices.map((notice) => `  ${notice}`));
  const note = observedNote(context);
  if (note) out.push('', note);
  out.push('', `Prices as of ${pricesAsOf()}; ≈ marks estimated token counts; months of 30 days.`);
  return `${out.join('\n')}\n`;
}

// ---- markdown

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const statusMark: Record<PromptDiff['status'], string> = {
  added: '➕ added',
  removed: '➖ removed',
  changed: '✏️ changed',
};

function findingLine(finding: Finding): string {
  return `- new **${finding.severity}** \`${finding.ruleId}\` (line ${finding.range.startLine + 1}): ${cell(finding.message)}`;
}

function detailsOf(diff: PromptDiff, context: DiffContext): string {
  const state = (diff.head ?? diff.base)!;
  const lines = [
    `**\`${cell(diff.promptId)}\`** · ${cell(state.file)}:${state.line} · ${cell(state.model)}${state.modelAssumed ? ' (model assumed: none named in the code)' : ''} · ${volume(state, context)}`,
  ];
  for (const change of diff.changes) lines.push(`- ${cell(describeChange(change))}`);
  if (diff.base && diff.head)
    lines.push(
      `- output tokens per call: ${span(diff, (s) => count(s!.outputTokens) + (s!.outputCap === undefined ? ' (assumed, no cap)' : ''))}`,
    );
  for (const finding of diff.newFindings) lines.push(findingLine(finding));
  return lines.join('\n');
}

function markdownDiff(result: DiffResult, context: DiffContext): string {
  if (result.prompts.length === 0) return '';
  const head = [
    `### tokenwise: ${headline(result)}`,
    '',
    cell(summary(result, context)),
    '',
    '| Prompt | Change | Tokens/call | $/call | $/month | Δ $/month |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  const rows = result.prompts.map(
    (diff) =>
      `| \`${cell(diff.promptId)}\` | ${statusMark[diff.status]}${diff.status === 'changed' ? `: ${cell(changeSummary(diff))}` : diff.status === 'added' && diff.newFindings.length > 0 ? `; ${diff.newFindings.length} finding(s)` : ''} | ${span(diff, tokens)} | ${span(diff, (s) => money(s?.perCall, s !== undefined))} | ${span(diff, (s) => money(s?.perMonth, s !== undefined))} | **${delta(diff)}** |`,
  );
  const observedFooter = context.observed
    ? ` · volumes observed (${cell(context.observed.window)}) where prompts had traffic`
    : '';
  const footer = `<sub>${cell(sideLabel(context.base))} → ${cell(sideLabel(context.head))}${observedFooter} · prices as of ${pricesAsOf()} · ≈ estimated token counts · months of 30 days · tokenwise ${version}</sub>`;
  const truncationRoom = 400;
  let text = head.join('\n');
  let shownRows = 0;
  for (const row of rows) {
    if (text.length + row.length + 1 + footer.length + truncationRoom > markdownLimit) break;
    text += `\n${row}`;
    shownRows++;
  }
  const detailsOpen = '\n\n<details><summary>Details</summary>\n';
  const detailsClose = '\n</details>';
  let shownDetails = 0;
  if (text.length + detailsOpen.length + detailsClose.length + footer.length + truncationRoom < markdownLimit) {
    let details = '';
    for (const diff of result.prompts.slice(0, shownRows)) {
      const entry = `\n${detailsOf(diff, context)}\n`;
      if (
        text.length +
          detailsOpen.length +
          details.length +
          entry.length +
          detailsClose.length +
          footer.length +
          truncationRoom >
        markdownLimit
      )
        break;
      details += entry;
      shownDetails++;
    }
    if (shownDetails > 0) text += detailsOpen + details + detailsClose;
  }
  const total = result.prompts.length;
  if (shownRows < total || shownDetails < shownRows) {
    text +=
      `\n\n> **Truncated** to stay under GitHub's 65,536-character comment limit: ${total - shownRows} of ${count(total)} prompts are not in the table` +
      `${shownDetails < shownRows ? ` and ${shownRows - shownDetails} shown have no details` : ''}. The totals above cover all of them; run \`tokenwise diff\` for the full list.`;
  }
  if (context.notices.length > 0 && text.length + 200 < markdownLimit - footer.length)
    text += `\n\n${context.notices.length} notice(s): files skipped or not parsed; run \`tokenwise diff\` to see them.`;
  return `${text}\n\n${footer}\n`;
}

// ---- json and sarif

function jsonDiff(result: DiffResult, context: DiffContext): object {
  const finding = (f: Finding) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.startLine + 1,
  });
  const side = (state: PromptState | undefined) => state && { ...state, findings: state.findings.map(finding) };
  return {
    tool: 'tokenwise',
    version,
    pricesAsOf: pricesAsOf(),
    base: context.base,
    head: context.head,
    totals: result.totals,
    volumeSources: result.volumeSources,
    ...(context.observed ? { observedVolumes: context.observed } : {}),
    prompts: result.prompts.map((diff) => ({
      status: diff.status,
      promptId: diff.promptId,
      monthlyChange: diff.monthlyChange,
      changes: diff.changes,
      match: diff.match,
      newFindings: diff.newFindings.map(finding),
      base: side(diff.base),
      head: side(diff.head),
    })),
    notices: context.notices,
  };
}

/** Only what the change introduces, so code scanning shows a pull request's new problems and nothing older. */
function sarifDiff(result: DiffResult, context: DiffContext): object {
  const results: SarifResult[] = [];
  for (const diff of result.prompts) {
    if (!diff.head || diff.newFindings.length === 0) continue;
    const audit = { file: diff.head.file, prompts: [], findings: diff.newFindings, notices: [] };
    for (const sarif of sarifResults(audit, diff.head.file, context.sources.get(diff.head.file)))
      results.push({ ...sarif, properties: { ...sarif.properties, promptId: diff.promptId } });
  }
  const note = observedNote(context);
  return sarifLog(results, version, note ? [...context.notices, note] : context.notices);
}
