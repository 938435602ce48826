// Core results per open document, shared by lenses, hovers, diagnostics and the status bar.
//
// The audits themselves run in the engine (engine.ts), off the extension host's thread where a worker can run.
// Incremental per prompt: when an edit stays inside the text of one prompt (typing in a prompt, the common case),
// only that prompt is audited again — on a copy of the document in which everything but that prompt's lines is
// blanked to spaces, so offsets and lines stay those of the real document and the parser skips the rest. Every other
// prompt keeps its report, with ranges after the edit moved by the edit's length. Anything else (opening a file, an
// edit between prompts, several prompts touched) audits the whole file. Oversized, minified and binary files are not
// audited unless the user asks; a file core cannot handle is skipped, not fatal.
import * as vscode from 'vscode';
import type { AuditOptions, FileAudit, PromptReport, TextRange } from '../core';
import { mergeFindings, type Engine } from './engine';

/** Above these sizes counting waits for an explicit "count anyway": a 10 MB file or a minified bundle is never a prompt file. */
export const limits = { maxChars: 1_000_000, maxLineChars: 20_000 };

export type FileAnalysis =
  /** `longestStepMs`: the longest stretch the work held the event loop (the benchmark reports it). */
  | { state: 'ready'; audit: FileAudit; millis: number; longestStepMs: number; incremental: boolean }
  | { state: 'paused'; reason: string }
  | { state: 'skipped'; reason: string };

interface Entry {
  version: number;
  optionsGeneration: number;
  text: string;
  result: FileAnalysis;
}

interface Job {
  version: number;
  optionsGeneration: number;
  text: string;
  result: Promise<FileAnalysis>;
}

export class Analysis implements vscode.Disposable {
  private readonly files = new Map<string, Entry>();
  private readonly running = new Map<string, Job>();
  private readonly forced = new Set<string>();
  /** The last whole-file audit started for a file counted anyway: the next waits for it (see of()). */
  private readonly forcedWork = new Map<string, Promise<unknown>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private generation = 0;
  /** Fired when every cached result went stale (settings, policy or a per-file model changed). */
  readonly onDidInvalidate = this.changed.event;

  constructor(
    private readonly engine: Engine,
    private readonly optionsFor: (uri: vscode.Uri) => Promise<AuditOptions>,
  ) {}

  /** The analysis of the document as it is now: cached, updated for an edit inside one prompt, or audited whole. */
  of(document: vscode.TextDocument): Promise<FileAnalysis> {
    const key = document.uri.toString();
    const generation = this.generation;
    const cached = this.files.get(key);
    if (cached && cached.version === document.version && cached.optionsGeneration === generation)
      return Promise.resolve(cached.result);
    const pending = this.running.get(key);
    if (pending && pending.version === document.version && pending.optionsGeneration === generation)
      return pending.result;
    const text = document.getText();
    const previous = cached?.optionsGeneration === generation ? cached : undefined;
    const updated = previous && this.incremental(previous, text, document);
    const job = { version: document.version, optionsGeneration: generation, text } as Job;
    job.result = updated
      ? updated.then((analysis) => analysis ?? this.analyze(text, document.uri, this.forced.has(key)))
      : this.forced.has(key)
        ? this.afterForcedWork(key, job, () => this.analyze(text, document.uri, true))
        : this.analyze(text, document.uri, false);
    this.running.set(key, job);
    return job.result.then((result) => {
      // A newer edit, a forget() or new settings superseded this job: its result answers only the caller that waited.
      if (this.running.get(key) !== job) return result;
      this.running.delete(key);
      if (job.optionsGeneration === this.generation)
        this.files.set(key, { version: job.version, optionsGeneration: job.optionsGeneration, text, result });
      return result;
    });
  }

  /**
   * A file counted anyway takes seconds to audit, and typing in it asks for a new audit per keystroke. Audits run one
   * after another in the worker, so each waits for the one before, and one that a newer version superseded while it
   * waited is never started: its callers get the newer version's result, and the worker is not kept busy with text
   * nobody will see.
   */
  private afterForcedWork(key: string, job: Job, audit: () => Promise<FileAnalysis>): Promise<FileAnalysis> {
    const start = () => {
      const result = audit();
      this.forcedWork.set(
        key,
        result.catch(() => undefined),
      );
      return result;
    };
    const before = this.forcedWork.get(key);
    if (!before) return start();
    return before.then(() => {
      const latest = this.running.get(key);
      return latest && latest !== job ? latest.result : start();
    });
  }

  /** Audits text that is not open in an editor (the workspace audit). */
  ofText(text: string, uri: vscode.Uri): Promise<FileAnalysis> {
    return this.analyze(text, uri, false);
  }

  /** Whether the user asked to count this file although it is large or minified. */
  isForced(uri: vscode.Uri): boolean {
    return this.forced.has(uri.toString());
  }

  countAnyway(uri: vscode.Uri): void {
    this.forced.add(uri.toString());
    this.files.delete(uri.toString());
    this.running.delete(uri.toString());
    this.changed.fire();
  }

  invalidate(): void {
    this.generation++;
    this.changed.fire();
  }

  forget(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.running.delete(uri.toString());
    this.forced.delete(uri.toString());
    this.forcedWork.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async analyze(text: string, uri: vscode.Uri, forced: boolean): Promise<FileAnalysis> {
    if (text.slice(0, 65_536).includes('\u0000')) return { state: 'skipped', reason: 'binary file' };
    if (!forced) {
      // Minified first: a large bundle is paused because it is minified, and saying so tells the user why.
      if (longestLine(text) > limits.maxLineChars)
        return { state: 'paused', reason: 'minified file (very long lines)' };
      if (text.length > limits.maxChars)
        return { state: 'paused', reason: `large file (${(text.length / 1e6).toFixed(1)} MB)` };
    }
    const started = performance.now();
    try {
      const { audit, hostMillis } = await this.engine.audit(text, fileNameOf(uri), await this.optionsFor(uri));
      return {
        state: 'ready',
        audit,
        millis: performance.now() - started,
        longestStepMs: hostMillis,
        incremental: false,
      };
    } catch (error) {
      // Pathological input core cannot handle (a stack overflow in deeply nested code, say) costs this file its
      // lenses, never the editor its extension.
      return { state: 'skipped', reason: `not analysable (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /**
   * Re-audits only the prompt an edit stayed inside of, or answers undefined (now or once the engine answered) when
   * the whole file must be audited. Everything read from the document is read now, before any await, so a later
   * edit cannot mix into this version's ranges.
   */
  private incremental(
    previous: Entry,
    text: string,
    document: vscode.TextDocument,
  ): Promise<FileAnalysis | undefined> | undefined {
    if (previous.result.state !== 'ready' || text.length > limits.maxChars) return undefined;
    const started = performance.now();
    const edit = diff(previous.text, text);
    const audit = previous.result.audit;
    const touched = audit.prompts.filter((report) => touches(report, edit.start, edit.oldEnd));
    if (touched.length !== 1) return undefined;
    const changed = touched[0]!;
    if (!changed.prompt.parts.some((part) => part.range.start <= edit.start && edit.oldEnd <= part.range.end))
      return undefined;

    const shift = shifter(edit, document);
    const moved = shiftRanges(changed, shift);
    const keep = [moved.prompt.range, moved.prompt.callSite?.range, ...moved.prompt.parts.map((p) => p.range)].filter(
      (range): range is TextRange => range !== undefined,
    );
    const others = audit.prompts.map((report) =>
      report === changed || endOf(report) < edit.start ? report : shiftRanges(report, shift),
    );
    const blanked = blankExcept(text, keep);
    const hostMillis = performance.now() - started;
    const fileName = fileNameOf(document.uri);
    return this.optionsFor(document.uri)
      .then((options) => this.engine.audit(blanked, fileName, options))
      .then(
        (result): FileAnalysis | undefined => {
          const fresh = result.audit.prompts.find((report) => report.prompt.range.start === moved.prompt.range.start);
          if (!fresh) return undefined;
          const replacement: PromptReport = { ...fresh, prompt: { ...fresh.prompt, id: changed.prompt.id } };
          const prompts = others.map((report) => (report === changed ? replacement : report));
          const millis = performance.now() - started;
          return {
            state: 'ready',
            audit: { ...audit, prompts, findings: mergeFindings(prompts) },
            millis,
            longestStepMs: hostMillis + result.hostMillis,
            incremental: true,
          };
        },
        () => undefined, // the full audit decides what to make of text core cannot handle
      );
  }
}

interface Edit {
  /** Where the old and new text first differ. */
  start: number;
  /** End of the replaced span in the old text. */
  oldEnd: number;
  /** Length difference, new minus old. */
  delta: number;
}

/** The single span two texts differ in: common prefix and suffix are kept, what lies between was replaced. */
function diff(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return { start, oldEnd: before.length - suffix, delta: after.length - before.length };
}

function touches(report: PromptReport, start: number, end: number): boolean {
  const { range } = report.prompt.callSite ?? report.prompt;
  const from = Math.min(range.start, ...report.prompt.parts.map((p) => p.range.start));
  const to = Math.max(range.end, ...report.prompt.parts.map((p) => p.range.end));
  return start <= to && end >= from;
}

/** Where the last text a report points at ends: reports ending before an edit keep their object. */
function endOf(report: PromptReport): number {
  const ranges = [
    report.prompt.range,
    report.prompt.callSite?.range,
    ...report.prompt.parts.map((p) => p.range),
    ...report.findings.map((f) => f.range),
  ];
  return Math.max(
    ...ranges.map((range) => range?.end ?? 0),
    ...report.findings.flatMap((f) => f.fix?.edits.map((e) => e.range.end) ?? []),
  );
}

type Shift = (range: TextRange) => TextRange;

/** Moves ranges that lie after the edit; a range containing the edit grows or shrinks with it. */
function shifter(edit: Edit, document: vscode.TextDocument): Shift {
  const move = (offset: number) => (offset >= edit.oldEnd ? offset + edit.delta : offset);
  return (range) => {
    if (range.end < edit.start) return range;
    const start = move(range.start);
    const end = move(range.end);
    const from = document.positionAt(start);
    const to = document.positionAt(end);
    return {
      start,
      end,
      startLine: from.line,
      startCharacter: from.character,
      endLine: to.line,
      endCharacter: to.character,
    };
  };
}

function isRange(value: object): value is TextRange {
  const candidate = value as Partial<TextRange>;
  return (
    typeof candidate.start === 'number' && typeof candidate.end === 'number' && typeof candidate.startLine === 'number'
  );
}

/** A copy of a report with every text range in it moved. */
function shiftRanges<T>(value: T, shift: Shift): T {
  if (Array.isArray(value)) return value.map((item) => shiftRanges(item, shift)) as T;
  if (value === null || typeof value !== 'object') return value;
  if (isRange(value)) return shift(value) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shiftRanges(item, shift)])) as T;
}

/** The text with every line outside `keep` turned into spaces: same length, same line breaks. */
function blankExcept(text: string, keep: TextRange[]): string {
  const spans = keep
    .map((range) => [lineStart(text, range.start), lineEnd(text, range.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    if (to <= at) continue;
    out += blank(text.slice(at, Math.max(at, from))) + text.slice(Math.max(at, from), to);
    at = to;
  }
  return out + blank(text.slice(at));
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
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
