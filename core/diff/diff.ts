// What a change does to the prompts of a repository: the audits of two states matched prompt by prompt (stable id
// first, then text similarity, so an edit or a move is one change, not a removal plus an addition), each pair
// classified (model swapped, output cap changed or removed, text grown or shrunk, volume changed, new findings),
// with tokens and cost per call and per month before → after. Pure: the caller audits the files of each state.
import type { FileAudit, Finding, PromptReport, Severity } from '../audit';
import type { VolumeSource } from '../estimate';
import { editDistance } from '../editDistance';
import type { Nanos } from '../pricing';

export interface PromptState {
  promptId: string;
  file: string;
  /** 1-based line of the prompt (or its call). */
  line: number;
  label: string;
  model: string;
  /** No call site or front matter names the model: it is the policy's (or the option's) default. */
  modelAssumed: boolean;
  tokens: number;
  tokensExact: boolean;
  outputTokens: number;
  /** The output cap the code sets; undefined when none is set and outputTokens is an assumption. */
  outputCap?: number;
  callsPerDay: number;
  volumeSource: VolumeSource;
  /** Undefined when the model has no price. */
  perCall?: Nanos;
  perMonth?: Nanos;
  findings: Finding[];
}

export type PromptChange =
  | { kind: 'model'; from: string; to: string; fromAssumed: boolean; toAssumed: boolean }
  | { kind: 'output-cap'; from?: number; to?: number }
  | { kind: 'text'; fromTokens: number; toTokens: number }
  | { kind: 'volume'; from: number; to: number }
  | { kind: 'moved'; fromId: string; toId: string }
  | { kind: 'new-findings'; ruleIds: string[] };

export interface PromptDiff {
  status: 'added' | 'removed' | 'changed';
  /** The head's id (the base's for a removed prompt). */
  promptId: string;
  base?: PromptState;
  head?: PromptState;
  changes: PromptChange[];
  /** Findings of the head that the base prompt did not have (all of an added prompt's). */
  newFindings: Finding[];
  /** head − base cost per month; 0 when a side that exists has no price (the change cannot be told). */
  monthlyChange: Nanos;
  /** A side that exists has no price: the prompt is left out of the totals. */
  unpriced: boolean;
  /** How the pair was matched: by id, or by text similarity (0–1). */
  match?: { by: 'id' } | { by: 'similarity'; similarity: number };
}

export interface DiffTotals {
  /** Σ monthly cost of the compared prompts before and after (the changed files' prompts, not the repository's),
   * leaving out prompts with a side that has no price, so change = headMonthly − baseMonthly = Σ monthlyChange. */
  baseMonthly: Nanos;
  headMonthly: Nanos;
  change: Nanos;
  /** change / baseMonthly × 100; undefined when the base costs nothing. */
  percent?: number;
  added: number;
  removed: number;
  changed: number;
  /** Prompts of the compared files that did not change. */
  unchanged: number;
  /** Changed, added or removed prompts with a side that has no price: not in the totals. */
  unpriced: number;
}

export interface DiffResult {
  /** Changed prompts, largest monthly impact first. */
  prompts: PromptDiff[];
  totals: DiffTotals;
  /** How many prompts of the head (or removed ones of the base) were costed with each volume source. */
  volumeSources: Partial<Record<VolumeSource, number>>;
}

export interface DiffOptions {
  /** Renamed files, base path → head path, so their prompts keep their identity. */
  renames?: ReadonlyMap<string, string>;
  /** Lowest text similarity (0–1) at which two unmatched prompts count as one edited prompt; default 0.6. */
  minimumSimilarity?: number;
}

/** Characters compared for similarity: enough to tell prompts apart, bounded so a huge prompt stays cheap. */
const similarityWindow = 1500;

export function promptState(report: PromptReport): PromptState {
  const prompt = report.prompt;
  const cap = prompt.callSite?.maxTokens ?? prompt.maxTokens;
  const state: PromptState = {
    promptId: prompt.promptId,
    file: prompt.file,
    line: (prompt.callSite?.range ?? prompt.range).startLine + 1,
    label: prompt.name ?? (prompt.callSite ? `${prompt.callSite.api} call` : prompt.kind),
    model: report.model,
    modelAssumed: (prompt.callSite?.model ?? prompt.model) === undefined,
    tokens: report.tokens.tokens,
    tokensExact: report.tokens.exact,
    outputTokens: report.outputTokens,
    callsPerDay: report.callsPerDay,
    volumeSource: report.volumeSource,
    findings: report.findings,
  };
  if (cap !== undefined) state.outputCap = cap;
  if (report.cost) {
    state.perCall = report.cost.perCall;
    state.perMonth = report.cost.perMonth;
  }
  return state;
}

interface Entry {
  state: PromptState;
  /** The id it is matched under: a base prompt of a renamed file takes its new path. */
  key: string;
  text: string;
  file: string;
}

function entries(audits: readonly FileAudit[], renames?: ReadonlyMap<string, string>): Entry[] {
  return audits.flatMap((audit) =>
    audit.prompts.map((report) => {
      const state = promptState(report);
      const renamed = renames?.get(state.file);
      const key =
        renamed !== undefined && state.promptId.startsWith(`${state.file}#`)
          ? renamed + state.promptId.slice(state.file.length)
          : state.promptId;
      const text = report.prompt.parts.map((part) => part.text).join('\n');
      return { state, key, text, file: renamed ?? state.file };
    }),
  );
}

/** 1 − edit distance / length, on whitespace-normalised text (window-bounded). `floor`: below it the answer may
 * be any number below it, so a cheap bigram bound skips the edit distance of texts that are clearly different. */
export function textSimilarity(a: string, b: string, floor = 0): number {
  const left = a.replace(/\s+/g, ' ').trim().slice(0, similarityWindow);
  const right = b.replace(/\s+/g, ' ').trim().slice(0, similarityWindow);
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  if (Math.min(left.length, right.length) / longest < floor) return 0;
  // Each edit changes at most two bigrams, so few shared bigrams bound the similarity from above.
  if (floor > 0 && 1 - (longest - 1 - sharedBigrams(left, right)) / (2 * longest) < floor) return 0;
  return 1 - editDistance(left, right) / longest;
}

function sharedBigrams(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) counts.set(a.slice(i, i + 2), (counts.get(a.slice(i, i + 2)) ?? 0) + 1);
  let shared = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const bigram = b.slice(i, i + 2);
    const left = counts.get(bigram) ?? 0;
    if (left > 0) {
      counts.set(bigram, left - 1);
      shared++;
    }
  }
  return shared;
}

function sameRules(base: readonly Finding[], head: readonly Finding[]): Finding[] {
  const remaining = new Map<string, number>();
  for (const finding of base) remaining.set(finding.ruleId, (remaining.get(finding.ruleId) ?? 0) + 1);
  return head.filter((finding) => {
    const left = remaining.get(finding.ruleId) ?? 0;
    if (left > 0) {
      remaining.set(finding.ruleId, left - 1);
      return false;
    }
    return true;
  });
}

function classify(base: PromptState, head: PromptState): { changes: PromptChange[]; newFindings: Finding[] } {
  const changes: PromptChange[] = [];
  if (base.promptId !== head.promptId) changes.push({ kind: 'moved', fromId: base.promptId, toId: head.promptId });
  if (base.model !== head.model)
    changes.push({
      kind: 'model',
      from: base.model,
      to: head.model,
      fromAssumed: base.modelAssumed,
      toAssumed: head.modelAssumed,
    });
  if (base.outputCap !== head.outputCap) changes.push({ kind: 'output-cap', from: base.outputCap, to: head.outputCap });
  if (base.tokens !== head.tokens) changes.push({ kind: 'text', fromTokens: base.tokens, toTokens: head.tokens });
  if (base.callsPerDay !== head.callsPerDay)
    changes.push({ kind: 'volume', from: base.callsPerDay, to: head.callsPerDay });
  const newFindings = sameRules(base.findings, head.findings);
  if (newFindings.length > 0)
    changes.push({ kind: 'new-findings', ruleIds: [...new Set(newFindings.map((finding) => finding.ruleId))] });
  return { changes, newFindings };
}

/** The prompts of the base and head audits matched, classified and costed; unchanged prompts are only counted. */
export function diffAudits(
  base: readonly FileAudit[],
  head: readonly FileAudit[],
  options: DiffOptions = {},
): DiffResult {
  const minimum = options.minimumSimilarity ?? 0.6;
  const before = entries(base, options.renames);
  const after = entries(head);
  const pairs: { base: Entry; head: Entry; match: NonNullable<PromptDiff['match']> }[] = [];

  // 1. Same id (several prompts under one id pair in source order).
  const byKey = new Map<string, Entry[]>();
  for (const entry of before) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  const unmatchedHead: Entry[] = [];
  for (const entry of after) {
    const candidates = byKey.get(entry.key);
    const found = candidates?.shift();
    if (found) pairs.push({ base: found, head: entry, match: { by: 'id' } });
    else unmatchedHead.push(entry);
  }
  const unmatchedBase = new Set([...byKey.values()].flat());

  // 2. Text similarity, best pairs first.
  const candidates: { base: Entry; head: Entry; similarity: number }[] = [];
  for (const head of unmatchedHead) {
    for (const base of unmatchedBase) {
      // Across files, boilerplate call sites look alike: only a nearly unchanged text counts as a move.
      const needed = base.file === head.file ? minimum : Math.max(minimum, 0.9);
      const similarity = textSimilarity(base.text, head.text, needed);
      if (similarity >= needed) candidates.push({ base, head, similarity });
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity);
  const pairedHead = new Set<Entry>();
  for (const candidate of candidates) {
    if (pairedHead.has(candidate.head) || !unmatchedBase.has(candidate.base)) continue;
    pairedHead.add(candidate.head);
    unmatchedBase.delete(candidate.base);
    pairs.push({
      base: candidate.base,
      head: candidate.head,
      match: { by: 'similarity', similarity: Math.round(candidate.similarity * 1000) / 1000 },
    });
  }

  const prompts: PromptDiff[] = [];
  let unchanged = 0;
  let baseMonthly = 0;
  let headMonthly = 0;
  // Only prompts priced on every side they have count: a side without a price has no figure to compare.
  const priced = (...states: PromptState[]) => states.every((state) => state.perMonth !== undefined);
  for (const pair of pairs) {
    const base = pair.base.state;
    const head = pair.head.state;
    const comparable = priced(base, head);
    if (comparable) {
      baseMonthly += base.perMonth!;
      headMonthly += head.perMonth!;
    }
    const { changes, newFindings } = classify(base, head);
    const monthlyChange = comparable ? head.perMonth! - base.perMonth! : 0;
    if (changes.length === 0 && monthlyChange === 0) {
      unchanged++;
      continue;
    }
    prompts.push({
      status: 'changed',
      promptId: head.promptId,
      base,
      head,
      changes,
      newFindings,
      monthlyChange,
      unpriced: !comparable,
      match: pair.match,
    });
  }
  for (const entry of unmatchedHead.filter((entry) => !pairedHead.has(entry))) {
    headMonthly += entry.state.perMonth ?? 0;
    const unpriced = !priced(entry.state);
    prompts.push({
      status: 'added',
      promptId: entry.state.promptId,
      head: entry.state,
      changes: [],
      newFindings: entry.state.findings,
      monthlyChange: entry.state.perMonth ?? 0,
      unpriced,
    });
  }
  for (const entry of unmatchedBase) {
    baseMonthly += entry.state.perMonth ?? 0;
    const unpriced = !priced(entry.state);
    prompts.push({
      status: 'removed',
      promptId: entry.state.promptId,
      base: entry.state,
      changes: [],
      newFindings: [],
      monthlyChange: -(entry.state.perMonth ?? 0),
      unpriced,
    });
  }
  prompts.sort((a, b) => Math.abs(b.monthlyChange) - Math.abs(a.monthlyChange) || a.promptId.localeCompare(b.promptId));

  const volumeSources: DiffResult['volumeSources'] = {};
  for (const diff of prompts) {
    const source = (diff.head ?? diff.base)!.volumeSource;
    volumeSources[source] = (volumeSources[source] ?? 0) + 1;
  }
  return {
    prompts,
    totals: {
      baseMonthly,
      headMonthly,
      change: headMonthly - baseMonthly,
      percent: baseMonthly > 0 ? ((headMonthly - baseMonthly) / baseMonthly) * 100 : undefined,
      added: prompts.filter((diff) => diff.status === 'added').length,
      removed: prompts.filter((diff) => diff.status === 'removed').length,
      changed: prompts.filter((diff) => diff.status === 'changed').length,
      unchanged,
      unpriced: prompts.filter((diff) => diff.unpriced).length,
    },
    volumeSources,
  };
}

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The findings a change introduces at `severity` or above: what `--fail-on new-findings[:severity]` counts. */
export function newFindingsAtOrAbove(result: DiffResult, severity: Severity): number {
  return result.prompts.reduce(
    (sum, diff) =>
      sum + diff.newFindings.filter((finding) => severityRank[finding.severity] >= severityRank[severity]).length,
    0,
  );
}
