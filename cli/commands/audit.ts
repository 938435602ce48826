// `tokenwise audit [PATHS…]`: finds the prompts in code and prompt files, audits them and reports as a table,
// JSON or SARIF. Reads one file at a time and streams JSON, so memory stays flat on large repositories.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import {
  assumedCostMark,
  auditRules,
  costMismatch,
  observedCostPerCall,
  observedMonthlyCost,
  auditText,
  AuditTotals,
  defaultEnvironment,
  environmentsOf,
  modelLabel,
  isSupportedFile,
  findingsAtOrAbove,
  findModel,
  formatUsd,
  pricesAsOf,
  sarifLog,
  sarifResults,
  suggestModels,
  type AuditSummary,
  type FileAudit,
  type Policy,
  type SarifResult,
  type Severity,
} from '../../core';
import {
  listWorkspaceFiles,
  loadPolicy,
  loadPriceCache,
  PolicyError,
  readWorkspaceFiles,
  type PassedOver,
} from '../../core/node';
import { version } from '../package.json';
import { closestOf, ExitCode, oneOf, parseOptions, UsageError, type CliIO } from '../io';
import { formatTable, outputWidth, truncate, wrapText, type TableColumn } from '../layout';
import { observedOptionsHelp, observedSourceLabel, readObservedVolumes, type Observed } from '../observed';

const help = `Usage: tokenwise audit [PATHS…] [options]

Finds the prompts in TypeScript/JavaScript, Python and prompt files (.prompt, .prompty, .j2, .hbs, .liquid, and
.md/.txt under prompts/ folders), audits them, and reports tokens, cost and findings. PATHS default to '.'.

Options:
  --format text|json|sarif   Report format (default text). sarif is SARIF 2.1.0 for GitHub code scanning.
  --fail-on info|warning|error
                             Exit 1 when a finding is at this severity or above. Without it the audit only
                             reports and exits 0.
  --max-cost-per-call USD    Exit 1 when a prompt costs more than this per call (e.g. 0.01 or $0.01).
  --policy FILE              Policy file (default: tokenwise.config.{yaml,yml,json} found from the first path up).
  --env NAME                 Environment whose approved models apply: 'default' or one the policy's
                             approvedModels names (default: default).
  --model MODEL              Model assumed for prompts that name none (default: the policy's defaultModel, else
                             gpt-4o-mini). Such prompts are labelled 'assumed MODEL (model unknown)'.
  --exclude GLOB             Leave out files and folders matching GLOB (repeatable; 'tests/**', '*.test.ts',
                             'vendor'). .gitignore and .tokenwiseignore files (same syntax) are honoured too.
  --no-gitignore             Read files that .gitignore would leave out (.tokenwiseignore still applies).
  --verbose                  List the files passed over (ignored, excluded, unsupported, too large, binary) and
                             the LLM calls seen whose prompt could not be read.
  --rules                    List the audit rules and exit.
${observedOptionsHelp}

Inline suppression: '// tokenwise-disable-next-line RULE-ID' ('#' in Python, '{# … #}' in templates), or
'tokenwise-disable-file RULE-ID' anywhere in a file.

Exit codes: 0 ok, 1 gate failed (--fail-on or --max-cost-per-call), 2 bad arguments or input (an unreadable
--volumes-from server included), 3 internal error.
`;

const severities: readonly Severity[] = ['info', 'warning', 'error'];
const formats = ['text', 'json', 'sarif'] as const;
type Format = (typeof formats)[number];

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'max-cost-per-call': { type: 'string' },
    policy: { type: 'string' },
    env: { type: 'string' },
    model: { type: 'string' },
    rules: { type: 'boolean' },
    exclude: { type: 'string', multiple: true },
    'no-gitignore': { type: 'boolean' },
    verbose: { type: 'boolean' },
    'volumes-from': { type: 'string' },
    app: { type: 'string' },
  } as const;
  const { values, positionals } = parseOptions(args, options, help);
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  if (values.rules) {
    const rows = auditRules.map((rule) => [rule.id, rule.defaultSeverity, rule.summary]);
    io.stdout(`${formatTable(ruleColumns, rows, outputWidth(io))}\n`);
    return ExitCode.ok;
  }
  const format = oneOf(values.format ?? 'text', formats, '--format');
  const failOn = values['fail-on'] === undefined ? undefined : oneOf(values['fail-on'], severities, '--fail-on');
  const maxCostPerCall = values['max-cost-per-call'] === undefined ? undefined : parseUsd(values['max-cost-per-call']);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const missing = paths.filter((path) => !existsSync(resolve(io.cwd, path)));
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);

  const policy = policyFor(values.policy, paths, io.cwd);
  if (values.model !== undefined && !findModel(values.model, policy.customModels)) {
    const suggestions = suggestModels(values.model, 3, policy.customModels);
    throw new UsageError(
      `--model: unknown model '${values.model}'${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''} Run 'tokenwise models' for the catalog.`,
    );
  }
  const environment = values.env ?? defaultEnvironment;
  const environments = environmentsOf(policy);
  if (!environments.includes(environment)) {
    const closest = closestOf(environment, environments);
    throw new UsageError(
      `--env: the policy names no environment '${environment}' (it has ${environments.join(', ')})${closest ? `; did you mean '${closest}'?` : ''}`,
    );
  }
  const observed = await readObservedVolumes(values['volumes-from'], values.app, io);
  // The prices `tokenwise prices update` saved, as cost and models use them: one price for a prompt everywhere.
  const cache = await loadPriceCache();
  if (cache.problem) io.stderr(`tokenwise audit: ${cache.problem}; using the bundled prices.\n`);
  const walk = {
    cwd: io.cwd,
    include: (path: string) => isSupportedFile(path, { promptGlobs: policy.promptFiles }),
    exclude: values.exclude ?? [],
    gitignore: !values['no-gitignore'],
  };
  const { files, passedOver } = listWorkspaceFiles(paths, walk);
  const scope = new ScopeTally(passedOver);

  const report = createReport(format, io, scope, values.verbose === true, observed);
  const totals = new AuditTotals();
  const overBudget: string[] = [];
  const progress = createProgress(io, files.length);
  const job: AuditJob = { files, cwd: io.cwd, policy, environment, model: values.model, observed };
  for (const outcome of auditFiles(job)) {
    progress.tick();
    if (outcome.kind === 'notice') {
      totals.addNotice();
      report.notice(outcome.text);
      continue;
    }
    if (outcome.kind === 'skipped') {
      // A file that could not be read (too large, binary) is rare and worth a notice; it is counted as passed over too.
      scope.skip(outcome.relativePath, outcome.reason);
      totals.addNotice();
      report.notice(`${outcome.relativePath}: skipped: ${outcome.reason}`);
      continue;
    }
    const audit = outcome.audit;
    scope.read(audit);
    totals.add(audit);
    report.file(audit, outcome.source);
    if (maxCostPerCall !== undefined) {
      for (const prompt of audit.prompts) {
        if (prompt.cost && prompt.cost.perCall > maxCostPerCall) {
          overBudget.push(
            `${audit.file}:${prompt.prompt.range.startLine + 1} ${promptLabel(prompt.prompt)} costs ${formatUsd(prompt.cost.perCall)}/call`,
          );
        }
      }
    }
  }
  progress.done();
  const summary = totals.summary();
  report.end(summary);

  let code: number = ExitCode.ok;
  if (failOn && findingsAtOrAbove(summary, failOn) > 0) {
    io.stderr(`tokenwise audit: ${findingsAtOrAbove(summary, failOn)} finding(s) at ${failOn} or above.\n`);
    code = ExitCode.gateFailed;
  }
  if (maxCostPerCall !== undefined && overBudget.length > 0) {
    io.stderr(
      `tokenwise audit: ${overBudget.length} prompt(s) over ${formatUsd(maxCostPerCall)}/call:\n${overBudget.map((line) => `  ${line}\n`).join('')}`,
    );
    code = ExitCode.gateFailed;
  }
  return code;
}

interface AuditJob {
  files: string[];
  cwd: string;
  policy: Policy;
  environment: string;
  model?: string;
  observed?: Observed;
}

type Outcome =
  | { kind: 'audit'; audit: FileAudit; source: string }
  | { kind: 'notice'; text: string }
  | { kind: 'skipped'; relativePath: string; reason: string };

/** Reads and audits the files in order, one at a time. */
function* auditFiles(job: AuditJob): Generator<Outcome> {
  for (const entry of readWorkspaceFiles(job.files, { cwd: job.cwd })) {
    if (entry.kind === 'skipped') {
      yield { kind: 'skipped', relativePath: entry.relativePath, reason: entry.reason.replace(/^skipped: /, '') };
      continue;
    }
    try {
      yield {
        kind: 'audit',
        audit: auditText(entry.text, entry.relativePath, {
          policy: job.policy,
          environment: job.environment,
          model: job.model,
          ...(job.observed ? { volumes: job.observed.volumes } : {}),
        }),
        source: entry.text,
      };
    } catch (error) {
      // One file the extractor cannot handle must not end the run: report it and go on.
      yield {
        kind: 'notice',
        text: `${entry.relativePath}: could not audit (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
}

/** `0.01`, `$0.01` → nano-dollars. */
function parseUsd(text: string): number {
  const match = /^\$?(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match)
    throw new UsageError(`--max-cost-per-call expects an amount in USD such as 0.01 or $0.01 (got '${text}')`);
  return Math.round(Number(match[1]) * 1e9);
}

/** The named policy file, else the one governing the first path (a missing one means the defaults). */
function policyFor(given: string | undefined, paths: string[], cwd: string): Policy {
  const first = resolve(cwd, paths[0]!);
  try {
    return loadPolicy(given ? resolve(cwd, given) : isDirectory(first) ? first : dirname(first));
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(error.message);
    throw error;
  }
}

function repositoryRoot(cwd: string): string {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return resolve(cwd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function promptLabel(prompt: FileAudit['prompts'][number]['prompt']): string {
  return prompt.name ?? (prompt.callSite ? `${prompt.callSite.api} call` : prompt.id);
}

/** Runs over fewer files finish too fast for a progress bar to help. */
const progressMinimumFiles = 200;

// A progress bar on stderr, only for an interactive terminal and only on long runs; redrawn every 1 % of files.
function createProgress(io: CliIO, total: number): { tick(): void; done(): void } {
  const shown = io.isTTY && total >= progressMinimumFiles;
  const step = Math.max(1, Math.floor(total / 100));
  let seen = 0;
  return {
    tick() {
      seen++;
      if (!shown || (seen % step !== 0 && seen !== total)) return;
      const width = 30;
      const filled = Math.round((seen / total) * width);
      io.stderr(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${seen.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`,
      );
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

/** What the run did not read: files passed over by the walk or when read (size, binary), and the LLM calls seen
 * whose prompt could not be read. Counted always, listed with --verbose. */
class ScopeTally {
  readonly skipped: Array<{ path: string; reason: string }> = [];
  readonly unreadCalls: Array<{ location: string; api: string; reason: string }> = [];
  filesRead = 0;

  constructor(passedOver: PassedOver[]) {
    for (const entry of passedOver) {
      this.skipped.push({
        path: `${entry.relativePath}${entry.folder ? '/' : ''}`,
        reason: passedOverReason[entry.reason],
      });
    }
  }

  skip(path: string, reason: string): void {
    this.skipped.push({ path, reason });
  }

  read(audit: FileAudit): void {
    this.filesRead++;
    for (const call of audit.unreadCalls ?? []) {
      this.unreadCalls.push({
        location: `${audit.file}:${call.range.startLine + 1}`,
        api: call.api,
        reason: call.reason,
      });
    }
  }

  /** Counts by reason, for the JSON summary and the closing line. */
  counts(): { filesRead: number; skipped: Record<string, number>; unreadCalls: number } {
    const skipped: Record<string, number> = {};
    for (const entry of this.skipped) {
      const key = entry.reason.startsWith('over the') || /is over the/.test(entry.reason) ? 'too large' : entry.reason;
      skipped[key] = (skipped[key] ?? 0) + 1;
    }
    return { filesRead: this.filesRead, skipped, unreadCalls: this.unreadCalls.length };
  }

  /** The closing sentence: what was read, passed over, and seen but not read. */
  line(): string {
    const { skipped, unreadCalls } = this.counts();
    const passed = Object.entries(skipped).map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`);
    return (
      `Read ${this.filesRead.toLocaleString('en-US')} file(s)` +
      (passed.length > 0 ? `; passed over ${passed.join(', ')}` : '') +
      `; ${unreadCalls.toLocaleString('en-US')} LLM call(s) seen whose prompt could not be read (not priced)` +
      (passed.length > 0 || unreadCalls > 0 ? '; --verbose lists them.' : '.')
    );
  }

  listing(): string[] {
    return [
      ...this.skipped.map((entry) => `${entry.path}: passed over: ${entry.reason}`),
      ...this.unreadCalls.map((call) => `${call.location}: ${call.api} call, prompt not read: ${call.reason}`),
    ];
  }
}

const passedOverReason: Record<PassedOver['reason'], string> = {
  ignored: 'ignored (.gitignore/.tokenwiseignore)',
  excluded: 'excluded (--exclude)',
  unsupported: 'not a source or prompt file',
};

interface Report {
  file(audit: FileAudit, source: string): void;
  notice(text: string): void;
  end(summary: AuditSummary): void;
}

function createReport(
  format: Format,
  io: CliIO,
  scope: ScopeTally,
  verbose: boolean,
  observed: Observed | undefined,
): Report {
  if (format === 'json') return jsonReport(io, scope, verbose, observed);
  if (format === 'sarif') return sarifReport(io, scope, observed);
  return textReport(io, scope, verbose, observed);
}

/** The note every format carries when observed volumes were read: how many prompts rest on them, and whence. */
function observedNote(observed: Observed, promptsObserved: number): string {
  return `Monthly figures of ${promptsObserved} prompt(s) rest on traffic ${observedSourceLabel(observed.source)}; the others on annotated, policy or default volumes.`;
}

/** A prompt's observed record for JSON: calls, pace, real cost, and the mismatch with its estimate, if any. */
function observedRecord(report: FileAudit['prompts'][number], observed: Observed | undefined) {
  const seen = observed?.volumes.of(report.prompt.promptId);
  if (!observed || !seen) return undefined;
  const mismatch = costMismatch(report.cost?.perCall, seen);
  return {
    window: observed.volumes.window,
    calls: seen.calls,
    callsPerDay: seen.callsPerDay,
    costPerCall: Math.round(observedCostPerCall(seen) ?? 0),
    costPerMonth: observedMonthlyCost(seen, observed.source),
    ...(mismatch ? { mismatch: { ratio: mismatch.ratio, message: mismatch.label } } : {}),
  };
}

/** Streams `{ "files": [...], "notices": [...], "summary": {...} }`, one file at a time, in 64 KiB writes. */
function jsonReport(io: CliIO, scope: ScopeTally, verbose: boolean, observed: Observed | undefined): Report {
  const notices: string[] = [];
  let first = true;
  let pending = '';
  const write = (text: string, flush = false) => {
    pending += text;
    if (flush || pending.length >= 65536) {
      io.stdout(pending);
      pending = '';
    }
  };
  write(
    `{"tool":"tokenwise","version":${JSON.stringify(version)},"pricesAsOf":${JSON.stringify(pricesAsOf())},"files":[`,
  );
  return {
    file(audit) {
      if (audit.prompts.length === 0 && audit.notices.length === 0 && (audit.unreadCalls ?? []).length === 0) return;
      const compact = {
        file: audit.file,
        prompts: audit.prompts.map((report) => ({
          id: report.prompt.id,
          promptId: report.prompt.promptId,
          name: report.prompt.name,
          kind: report.prompt.kind,
          language: report.prompt.language,
          range: report.prompt.range,
          model: report.model,
          modelSource: report.modelSource,
          modelAssumed: report.modelAssumed,
          tokens: report.tokens,
          parts: report.parts,
          outputTokens: report.outputTokens,
          outputSource: report.outputSource,
          callsPerDay: report.callsPerDay,
          volumeSource: report.volumeSource,
          observed: observedRecord(report, observed),
          cost: report.cost,
          unpriced: report.unpriced,
          recommendation: report.recommendation,
          recommendationNotSure: report.recommendationNotSure,
          score: report.score,
          scoreReasons: report.scoreReasons,
          findings: report.findings,
        })),
        unreadCalls: audit.unreadCalls ?? [],
        notices: audit.notices,
      };
      write(`${first ? '' : ','}\n${JSON.stringify(compact)}`);
      first = false;
    },
    notice(text) {
      notices.push(text);
    },
    end(summary) {
      const scopeSummary = { ...scope.counts(), ...(verbose ? { skippedFiles: scope.skipped } : {}) };
      write(
        `\n],"notices":${JSON.stringify(notices)},"summary":${JSON.stringify(summary)},"scope":${JSON.stringify(scopeSummary)}${observed ? `,"observedVolumes":${JSON.stringify(observed.source)}` : ''}}\n`,
        true,
      );
    },
  };
}

/** SARIF URIs are relative to the repository root (the nearest folder up with a `.git`), wherever the audit runs. */
function sarifReport(io: CliIO, scope: ScopeTally, observed: Observed | undefined): Report {
  const results: SarifResult[] = [];
  const notices: string[] = [];
  let promptsObserved = 0;
  const root = repositoryRoot(io.cwd);
  const report = (text: string) => {
    notices.push(text);
    io.stderr(`tokenwise audit: ${text}\n`);
  };
  return {
    file(audit, source) {
      promptsObserved += audit.prompts.filter((report) => report.volumeSource === 'observed').length;
      results.push(...sarifResults(audit, relative(root, resolve(io.cwd, audit.file)).split(sep).join('/'), source));
      audit.notices.forEach(report);
    },
    notice: report,
    end() {
      // Findings price their waste at each prompt's volume: say when some of those rest on observed traffic.
      if (observed) notices.push(observedNote(observed, promptsObserved));
      io.stdout(`${JSON.stringify(sarifLog(results, version, notices), null, 2)}\n`);
      io.stderr(`tokenwise audit: ${scope.line()}\n`);
    },
  };
}

interface Row {
  prompt: string;
  location: string;
  tokens: string;
  perCall: string;
  perMonth: string;
  callsPerDay: string;
  model: string;
  recommended: string;
  score: string;
  findings: string;
}

const severityMark: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };
const volumeMark: Record<FileAudit['prompts'][number]['volumeSource'], string> = {
  observed: ' observed',
  annotation: '',
  policy: '',
  option: '',
  'policy-default': ' default',
};

/** A table of prompts, then the findings by file, then notices and totals. */
function textReport(io: CliIO, scope: ScopeTally, verbose: boolean, observed: Observed | undefined): Report {
  const rows: Row[] = [];
  const mismatches: string[] = [];
  let promptsObserved = 0;
  const findingLines: string[] = [];
  const notices: string[] = [];
  return {
    file(audit) {
      notices.push(...audit.notices);
      for (const report of audit.prompts) {
        const counts = severities
          .slice()
          .reverse()
          .map((severity) => [severity, report.findings.filter((f) => f.severity === severity).length] as const)
          .filter(([, n]) => n > 0)
          .map(([severity, n]) => `${n}${severityMark[severity]}`);
        const recommendation = report.recommendation;
        rows.push({
          prompt: truncate(promptLabel(report.prompt), 28),
          location: `${audit.file}:${report.prompt.range.startLine + 1}`,
          tokens: `${report.tokens.exact ? '' : '≈'}${report.tokens.tokens.toLocaleString('en-US')}`,
          perCall: report.cost ? `${report.modelAssumed ? '≈' : ''}${formatUsd(report.cost.perCall)}` : '–',
          perMonth: report.cost ? `${assumedCostMark(report).trim()}${formatUsd(report.cost.perMonth)}` : '–',
          callsPerDay: `${report.callsPerDay.toLocaleString('en-US', { maximumFractionDigits: 1 })}${volumeMark[report.volumeSource]}`,
          model: modelLabel(report),
          recommended: recommendation
            ? `${recommendation.model} −${Math.round(recommendation.savingPercent)}% (${formatUsd(recommendation.savingPerMonth)}/mo)`
            : '–',
          score: String(report.score),
          findings: counts.join(' ') || '–',
        });
        if (report.volumeSource === 'observed') promptsObserved++;
        const mismatch = observedRecord(report, observed)?.mismatch;
        if (mismatch)
          mismatches.push(
            `${audit.file}:${report.prompt.range.startLine + 1} ${report.prompt.promptId}: ${mismatch.message}; the estimate's assumptions are wrong, or the prompt is not what runs`,
          );
      }
      for (const finding of audit.findings) {
        findingLines.push(
          `${audit.file}:${finding.range.startLine + 1}:${finding.range.startCharacter + 1}  ${finding.severity.padEnd(7)} ${finding.ruleId}  ${finding.message}` +
            (finding.fix ? `  [fix: ${finding.fix.description}]` : ''),
        );
      }
    },
    notice(text) {
      notices.push(text);
    },
    end(summary) {
      const out: string[] = [];
      const width = outputWidth(io);
      if (rows.length === 0) out.push('No prompts found.');
      else {
        out.push(promptTable(rows, width), '');
        out.push(
          `$/month at each prompt's calls/day (${observed ? "'observed' marks traffic the team's server saw; " : ''}policy volumes; 'default' marks the policy's default volume); prices as of ${pricesAsOf()}.`,
          `≈ before tokens: an estimate (the model's tokenizer is not public). ≈ before a cost: it rests on an assumption, an assumed model (the prompt names none) or the default volume.`,
        );
      }
      if (observed) out.push(observedNote(observed, promptsObserved));
      if (mismatches.length > 0)
        out.push(
          '',
          'Estimate vs observed (cost per call more than 2× apart)',
          ...mismatches.map((line) => `  ${line}`),
        );
      if (findingLines.length > 0) out.push('', 'Findings', ...findingLines.map((line) => `  ${line}`));
      if (notices.length > 0) out.push('', 'Notices', ...notices.map((line) => `  ${line}`));
      if (verbose && scope.listing().length > 0)
        out.push('', 'Not read', ...scope.listing().map((line) => `  ${line}`));
      out.push('', summaryLine(summary), scope.line());
      io.stdout(`${wrapText(out.join('\n'), width)}\n`);
    },
  };
}

const columnKeys: (keyof Row)[] = [
  'prompt',
  'location',
  'tokens',
  'perCall',
  'perMonth',
  'callsPerDay',
  'model',
  'recommended',
  'score',
  'findings',
];
const columns: TableColumn[] = [
  { title: 'PROMPT', align: 'left', cut: 'end' },
  { title: 'FILE:LINE', align: 'left', cut: 'start' },
  { title: 'TOKENS', align: 'right' },
  { title: '$/CALL', align: 'right' },
  { title: '$/MONTH', align: 'right' },
  { title: 'CALLS/DAY', align: 'right' },
  { title: 'MODEL', align: 'left', cut: 'end' },
  { title: 'CHEAPER TIER (SAVING)', align: 'left', cut: 'end' },
  { title: 'SCORE', align: 'right' },
  { title: 'FINDINGS', align: 'left' },
];

/** The prompts as a table when it fits the width, else each prompt as a short record of two or three lines. */
function promptTable(rows: Row[], width: number): string {
  const table = formatTable(
    columns,
    rows.map((row) => columnKeys.map((key) => row[key])),
    Number.POSITIVE_INFINITY,
  );
  if (table.split('\n').every((line) => line.length <= width)) return table;
  const records = rows.map((row) =>
    [
      `${row.prompt}  ${row.location}`,
      `    ${row.tokens} tokens · ${row.perCall}/call · ${row.perMonth}/month · ${row.callsPerDay} calls/day · ${row.model} · score ${row.score} · findings ${row.findings}`,
      row.recommended === '–' ? '' : `    cheaper tier: ${row.recommended}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return records.join('\n');
}

const ruleColumns: TableColumn[] = [
  { title: 'RULE', align: 'left' },
  { title: 'DEFAULT', align: 'left' },
  { title: 'FINDS', align: 'left', cut: 'wrap' },
];

function summaryLine(summary: AuditSummary): string {
  const { error, warning, info } = summary.findings;
  return (
    `${summary.prompts.toLocaleString('en-US')} prompt(s) in ${summary.files.toLocaleString('en-US')} file(s): ` +
    `${formatUsd(summary.costPerMonth)}/month (${formatUsd(summary.costPerMonthKnown)} from a known model and volume, ` +
    `≈ ${formatUsd(summary.costPerMonthAssumed)} resting on assumptions: ${summary.assumedModelPrompts} prompt(s) with an assumed model, ` +
    `${summary.defaultVolumePrompts} at the default volume), cheaper tiers would save ${formatUsd(summary.savingPerMonth)}/month; ` +
    `${error} error(s), ${warning} warning(s), ${info} info; ` +
    `average efficiency score ${summary.averageScore ?? '–'}/100.` +
    (summary.notices > 0 ? ` ${summary.notices} notice(s).` : '')
  );
}
