// `tokenwise audit [PATHS…]`: finds the prompts in code and prompt files, audits them and reports as a table,
// JSON or SARIF. Reads one file at a time and streams JSON, so memory stays flat on large repositories; large runs
// spread the files over worker threads and report in the same order.
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  auditRules,
  auditText,
  AuditTotals,
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
import { listWorkspaceFiles, loadPolicy, PolicyError, readWorkspaceFiles } from '../../core/node';
import { version } from '../../package.json';
import { ExitCode, UsageError, type CliIO } from '../io';

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
  --env NAME                 Environment whose approved models apply (default: default).
  --model MODEL              Model for prompts whose call site names none (default: the policy's defaultModel).
  --rules                    List the audit rules and exit.

Inline suppression: '// tokenwise-disable-next-line RULE-ID' ('#' in Python, '{# … #}' in templates), or
'tokenwise-disable-file RULE-ID' anywhere in a file.

Exit codes: 0 ok, 1 gate failed (--fail-on or --max-cost-per-call), 2 bad arguments or input, 3 internal error.
`;

const severities: readonly Severity[] = ['info', 'warning', 'error'];
const formats = ['text', 'json', 'sarif'] as const;
type Format = (typeof formats)[number];

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCliArgs(args);
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  if (values.rules) {
    io.stdout(auditRules.map((rule) => `${rule.id.padEnd(26)} ${rule.defaultSeverity.padEnd(8)} ${rule.summary}`).join('\n') + '\n');
    return ExitCode.ok;
  }
  const format = oneOf(values.format ?? 'text', formats, '--format');
  const failOn = values['fail-on'] === undefined ? undefined : oneOf(values['fail-on'], severities, '--fail-on');
  const maxCostPerCall = values['max-cost-per-call'] === undefined ? undefined : parseUsd(values['max-cost-per-call']);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const missing = paths.filter((path) => !existsSync(resolve(io.cwd, path)));
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);

  const policy = policyFor(values.policy, paths, io.cwd);
  if (values.model && !findModel(values.model, policy.customModels)) {
    const suggestions = suggestModels(values.model, 3, policy.customModels);
    throw new UsageError(`unknown model '${values.model}'${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''}`);
  }
  const walk = { cwd: io.cwd, include: (path: string) => isSupportedFile(path, { promptGlobs: policy.promptFiles }) };
  const { files } = listWorkspaceFiles(paths, walk);

  const report = createReport(format, io);
  const totals = new AuditTotals();
  const overBudget: string[] = [];
  const progress = createProgress(io, files.length);
  const job: AuditJob = { files, cwd: io.cwd, policy, environment: values.env, model: values.model };
  const threads = Math.min(availableParallelism(), maxThreads);
  const outcomes = files.length >= parallelMinimumFiles && threads > 1 ? auditInWorkers(job, threads) : auditFiles(job);
  for await (const outcome of outcomes) {
    progress.tick();
    if (outcome.kind === 'notice') {
      totals.addNotice();
      report.notice(outcome.text);
      continue;
    }
    const audit = outcome.audit;
    totals.add(audit);
    report.file(audit);
    if (maxCostPerCall !== undefined) {
      for (const prompt of audit.prompts) {
        if (prompt.cost && prompt.cost.perCall > maxCostPerCall) {
          overBudget.push(`${audit.file}:${prompt.prompt.range.startLine + 1} ${promptLabel(prompt.prompt)} costs ${formatUsd(prompt.cost.perCall)}/call`);
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
    io.stderr(`tokenwise audit: ${overBudget.length} prompt(s) over ${formatUsd(maxCostPerCall)}/call:\n${overBudget.map((line) => `  ${line}\n`).join('')}`);
    code = ExitCode.gateFailed;
  }
  return code;
}

interface AuditJob {
  files: string[];
  cwd: string;
  policy: Policy;
  environment?: string;
  model?: string;
}

type Outcome = { kind: 'audit'; audit: FileAudit } | { kind: 'notice'; text: string };

/** Reads and audits the files in order, one at a time; in the main thread, or in a worker for its share. */
function* auditFiles(job: AuditJob): Generator<Outcome> {
  for (const entry of readWorkspaceFiles(job.files, { cwd: job.cwd })) {
    if (entry.kind === 'skipped') {
      yield { kind: 'notice', text: `${entry.relativePath}: ${entry.reason}` };
      continue;
    }
    try {
      yield { kind: 'audit', audit: withoutPromptText(auditText(entry.text, entry.relativePath, { policy: job.policy, environment: job.environment, model: job.model })) };
    } catch (error) {
      // One file the extractor cannot handle must not end the run: report it and go on.
      yield { kind: 'notice', text: `${entry.relativePath}: could not audit (${error instanceof Error ? error.message : String(error)})` };
    }
  }
}

/**
 * The audit without the prompts' text and variables, which no report shows: it is most of the bytes a worker would
 * copy to the main thread, and of what a large run keeps in memory.
 */
function withoutPromptText(audit: FileAudit): FileAudit {
  return { ...audit, prompts: audit.prompts.map((report) => ({ ...report, prompt: { ...report.prompt, parts: [] } })) };
}

/** Below this many files a run is over before worker threads (each loads tokenizer and price data) pay off. */
const parallelMinimumFiles = 1000;
const maxThreads = 4;
/** How far a worker may run ahead of the report, in files: bounds the results waiting in memory. */
const workerLead = 64;

/**
 * Audits file i in worker i mod N and yields the outcomes in file order, so reports read the same as from one
 * thread. Each worker pauses (Atomics.wait on a shared counter) when it is `workerLead` files ahead of the report.
 */
async function* auditInWorkers(job: AuditJob, threads: number): AsyncGenerator<Outcome> {
  const consumed = new Int32Array(new SharedArrayBuffer(4 * threads));
  const queues: Outcome[][] = [];
  const waiting: (((value: void) => void) | undefined)[] = [];
  const failures: (Error | undefined)[] = [];
  const stopped: boolean[] = [];
  // In the bundle this module lives in dist/cli.js and the worker is its own bundle (dist/audit-worker.js); run from
  // source (tests), the worker loads this very file through tsx.
  const fromSource = __filename.endsWith('.ts');
  const script = fromSource
    ? `const load = require('node:module').createRequire(${JSON.stringify(__filename)}); load('tsx/cjs'); load(${JSON.stringify(__filename)});`
    : join(__dirname, 'audit-worker.js');
  const workers = Array.from({ length: threads }, (_, index) => {
    queues.push([]);
    const share = job.files.filter((_, i) => i % threads === index);
    const worker = new Worker(script, { eval: fromSource, workerData: { tokenwiseAudit: { ...job, files: share }, index, consumed, lead: workerLead } });
    const wake = () => {
      waiting[index]?.();
      waiting[index] = undefined;
    };
    worker.on('message', (outcome: Outcome) => {
      queues[index]!.push(outcome);
      wake();
    });
    worker.on('error', (error) => {
      failures[index] = error;
      wake();
    });
    worker.on('exit', () => {
      stopped[index] = true;
      wake();
    });
    return worker;
  });
  try {
    for (let i = 0; i < job.files.length; i++) {
      const index = i % threads;
      while (queues[index]!.length === 0) {
        if (failures[index]) throw failures[index];
        if (stopped[index]) throw new Error(`audit worker ${index} stopped before its last file`);
        await new Promise<void>((resolveWait) => (waiting[index] = resolveWait));
      }
      yield queues[index]!.shift()!;
      Atomics.add(consumed, index, 1);
      Atomics.notify(consumed, index);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

if (!isMainThread && parentPort && (workerData as { tokenwiseAudit?: AuditJob } | null)?.tokenwiseAudit) {
  const { tokenwiseAudit: job, index, consumed, lead } = workerData as { tokenwiseAudit: AuditJob; index: number; consumed: Int32Array; lead: number };
  let produced = 0;
  for (const outcome of auditFiles(job)) {
    parentPort.postMessage(outcome);
    produced++;
    for (let seen = Atomics.load(consumed, index); produced - seen >= lead; seen = Atomics.load(consumed, index)) {
      Atomics.wait(consumed, index, seen);
    }
  }
}

function parseCliArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'max-cost-per-call': { type: 'string' },
        policy: { type: 'string' },
        env: { type: 'string' },
        model: { type: 'string' },
        rules: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** `0.01`, `$0.01` → nano-dollars. */
function parseUsd(text: string): number {
  const match = /^\$?(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new UsageError(`--max-cost-per-call expects an amount in USD such as 0.01 or $0.01 (got '${text}')`);
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
      io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${seen.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

interface Report {
  file(audit: FileAudit): void;
  notice(text: string): void;
  end(summary: AuditSummary): void;
}

function createReport(format: Format, io: CliIO): Report {
  if (format === 'json') return jsonReport(io);
  if (format === 'sarif') return sarifReport(io);
  return textReport(io);
}

/** Streams `{ "files": [...], "notices": [...], "summary": {...} }`, one file at a time, in 64 KiB writes. */
function jsonReport(io: CliIO): Report {
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
  write(`{"tool":"tokenwise","version":${JSON.stringify(version)},"pricesAsOf":${JSON.stringify(pricesAsOf())},"files":[`);
  return {
    file(audit) {
      if (audit.prompts.length === 0 && audit.notices.length === 0) return;
      const compact = {
        file: audit.file,
        prompts: audit.prompts.map((report) => ({
          id: report.prompt.id,
          name: report.prompt.name,
          kind: report.prompt.kind,
          language: report.prompt.language,
          range: report.prompt.range,
          model: report.model,
          tokens: report.tokens,
          outputTokens: report.outputTokens,
          callsPerDay: report.callsPerDay,
          cost: report.cost,
          recommendation: report.recommendation,
          score: report.score,
          scoreReasons: report.scoreReasons,
          findings: report.findings,
        })),
        notices: audit.notices,
      };
      write(`${first ? '' : ','}\n${JSON.stringify(compact)}`);
      first = false;
    },
    notice(text) {
      notices.push(text);
    },
    end(summary) {
      write(`\n],"notices":${JSON.stringify(notices)},"summary":${JSON.stringify(summary)}}\n`, true);
    },
  };
}

function sarifReport(io: CliIO): Report {
  const results: SarifResult[] = [];
  return {
    file(audit) {
      results.push(...sarifResults(audit, audit.file));
    },
    notice(text) {
      io.stderr(`tokenwise audit: ${text}\n`);
    },
    end() {
      io.stdout(`${JSON.stringify(sarifLog(results, version), null, 2)}\n`);
    },
  };
}

interface Row {
  prompt: string;
  location: string;
  tokens: string;
  perCall: string;
  perMonth: string;
  model: string;
  recommended: string;
  score: string;
  findings: string;
}

const severityMark: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };

/** A table of prompts, then the findings by file, then notices and totals. */
function textReport(io: CliIO): Report {
  const rows: Row[] = [];
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
          perCall: report.cost ? formatUsd(report.cost.perCall) : '–',
          perMonth: report.cost ? formatUsd(report.cost.perMonth) : '–',
          model: report.model,
          recommended: recommendation ? `${recommendation.model} −${Math.round(recommendation.savingPercent)}% (${formatUsd(recommendation.savingPerMonth)}/mo)` : '–',
          score: String(report.score),
          findings: counts.join(' ') || '–',
        });
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
      if (rows.length === 0) out.push('No prompts found.');
      else {
        out.push(table(rows), '');
        out.push(`$/month at each prompt's configured calls/day (policy volumes); prices as of ${pricesAsOf()}; ≈ marks estimated token counts.`);
      }
      if (findingLines.length > 0) out.push('', 'Findings', ...findingLines.map((line) => `  ${line}`));
      if (notices.length > 0) out.push('', 'Notices', ...notices.map((line) => `  ${line}`));
      out.push('', summaryLine(summary));
      io.stdout(`${out.join('\n')}\n`);
    },
  };
}

const columns: [keyof Row, string, 'left' | 'right'][] = [
  ['prompt', 'PROMPT', 'left'],
  ['location', 'FILE:LINE', 'left'],
  ['tokens', 'TOKENS', 'right'],
  ['perCall', '$/CALL', 'right'],
  ['perMonth', '$/MONTH', 'right'],
  ['model', 'MODEL', 'left'],
  ['recommended', 'CHEAPER TIER (SAVING)', 'left'],
  ['score', 'SCORE', 'right'],
  ['findings', 'FINDINGS', 'left'],
];

function table(rows: Row[]): string {
  const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (columns[i]![2] === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map(([, title]) => title)), ...rows.map((row) => line(columns.map(([key]) => row[key])))].join('\n');
}

function summaryLine(summary: AuditSummary): string {
  const { error, warning, info } = summary.findings;
  return (
    `${summary.prompts.toLocaleString('en-US')} prompt(s) in ${summary.files.toLocaleString('en-US')} file(s): ` +
    `${formatUsd(summary.costPerMonth)}/month, cheaper tiers would save ${formatUsd(summary.savingPerMonth)}/month; ` +
    `${error} error(s), ${warning} warning(s), ${info} info; ` +
    `average efficiency score ${summary.averageScore ?? '–'}/100.` +
    (summary.notices > 0 ? ` ${summary.notices} notice(s).` : '')
  );
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
