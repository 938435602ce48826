// `tokenwise diff [--base REF] [--head REF|--worktree] [PATH…]`: what a change does to the prompts' tokens and
// monthly cost. Reads only the files git reports as changed (and the policy file of each state), audits each side
// with core's audit, and lets core match and classify the prompts.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  auditText,
  defaultPolicy,
  diffAudits,
  findModel,
  isSupportedFile,
  newFindingsAtOrAbove,
  parseAmount,
  parsePolicy,
  PolicyError,
  suggestModels,
  type DiffResult,
  type FileAudit,
  type Nanos,
  type Policy,
  type Severity,
} from '../../core';
import {
  changedFiles,
  GitError,
  listFiles,
  maxWorkspaceFileBytes,
  mergeBase,
  readBlobs,
  repositoryRoot,
  resolveCommit,
} from '../../core/node';
import { diffFormats, renderDiff, type DiffSide } from '../diffReport';
import { ExitCode, oneOf, parseOptions, UsageError, type CliIO } from '../io';
import { observedOptionsHelp, readObservedVolumes } from '../observed';

const help = `Usage: tokenwise diff [--base REF] [--head REF | --worktree] [PATH…] [options]

Compares the prompts of two states of a git repository and reports, per prompt: added, removed or changed (model
swapped, output cap changed or removed, text grown or shrunk, volume changed, new findings), with tokens and cost per
call and per month before → after, and the total monthly change. Only files git reports as changed are read (all
prompt files when the policy file changed).

Options:
  --base REF                 Base state (default: the merge base of HEAD with the default branch).
  --head REF                 Head state (default: the working tree, untracked files included).
  --worktree                 Compare the working tree (the default; not with --head).
  --format text|markdown|json|sarif
                             text (default); markdown for a pull-request comment (prints nothing when no prompt
                             changed); json; sarif (only the findings the change introduces).
  --fail-on-increase AMOUNT|PERCENT
                             Exit 4 when the monthly cost rises by more than this ($50, 50 usd, 10%).
  --fail-on new-findings[:info|warning|error]
                             Exit 5 when the change introduces findings (at the severity or above; default info).
  --calls-per-day N          Volume for prompts no annotation or policy entry sets (default: the policy's).
  --policy FILE              Policy file, relative to the repository root, read from each state
                             (default: tokenwise.config.{json,yaml,yml} at the root).
  --env NAME                 Environment whose approved models apply (default: default).
  --model MODEL              Model for prompts whose call site names none.
${observedOptionsHelp}

Exit codes: 0 ok, 2 bad arguments or input (unknown ref, path outside the repository, not a git repository,
shallow clone without the base, an unreadable --volumes-from server), 3 internal error, 4 monthly increase over --fail-on-increase, 5 new findings
(--fail-on new-findings), 6 both gates failed.
`;

const severities: readonly Severity[] = ['info', 'warning', 'error'];
const policyNames = ['tokenwise.config.json', 'tokenwise.config.yaml', 'tokenwise.config.yml'];

type IncreaseGate = { kind: 'amount'; nanos: Nanos; text: string } | { kind: 'percent'; percent: number; text: string };

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = {
    base: { type: 'string' },
    head: { type: 'string' },
    worktree: { type: 'boolean' },
    format: { type: 'string' },
    'fail-on-increase': { type: 'string' },
    'fail-on': { type: 'string' },
    'calls-per-day': { type: 'string' },
    policy: { type: 'string' },
    env: { type: 'string' },
    model: { type: 'string' },
    'volumes-from': { type: 'string' },
    app: { type: 'string' },
  } as const;
  const { values, positionals } = parseOptions(args, options, help);
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  const format = oneOf(values.format ?? 'text', diffFormats, '--format');
  if (values.head !== undefined && values.worktree) throw new UsageError('give --head REF or --worktree, not both.');
  const increaseGate = values['fail-on-increase'] === undefined ? undefined : parseIncrease(values['fail-on-increase']);
  const findingsGate = values['fail-on'] === undefined ? undefined : parseFailOn(values['fail-on']);
  const callsPerDay = values['calls-per-day'] === undefined ? undefined : parseCallsPerDay(values['calls-per-day']);

  try {
    const root = repositoryRoot(io.cwd);
    const paths = positionals.map((path) => pathspec(root, io.cwd, path));
    const headCommit = values.head === undefined ? undefined : resolveCommit(root, values.head);
    const baseCommit =
      values.base === undefined ? mergeBase(root, headCommit ?? 'HEAD') : resolveCommit(root, values.base);
    const baseSide: DiffSide = { ref: values.base ?? 'merge base', commit: baseCommit };
    const headSide: DiffSide = headCommit ? { ref: values.head!, commit: headCommit } : { ref: 'working tree' };

    const policyFile = values.policy === undefined ? undefined : pathspec(root, io.cwd, values.policy);
    const read = (commit: string | undefined, files: readonly string[]) =>
      commit ? readBlobs(root, commit, files, maxWorkspaceFileBytes) : files.map((file) => readWorktree(root, file));
    const basePolicy = loadPolicyAt(policyFile, (files) => read(baseCommit, files), 'base');
    const headPolicy = loadPolicyAt(policyFile, (files) => read(headCommit, files), 'head');
    if (values.model && !findModel(values.model, headPolicy.policy.customModels)) {
      const suggestions = suggestModels(values.model, 3, headPolicy.policy.customModels);
      throw new UsageError(
        `unknown model '${values.model}'${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
      );
    }

    // The files to audit on each side: the changed ones, or every prompt file when the policy itself changed
    // (volumes, defaults and rules apply to all prompts).
    const changes = changedFiles(root, baseCommit, headCommit, paths);
    const policyChanged = basePolicy.text !== headPolicy.text;
    const supported = (policy: Policy) => (path: string) => isSupportedFile(path, { promptGlobs: policy.promptFiles });
    let baseFiles: string[];
    let headFiles: string[];
    const renames = new Map<string, string>();
    if (policyChanged) {
      baseFiles = listFiles(root, baseCommit, paths).filter(supported(basePolicy.policy));
      headFiles = (headCommit ? listFiles(root, headCommit, paths) : worktreeFiles(root, paths)).filter(
        supported(headPolicy.policy),
      );
    } else {
      baseFiles = changes
        .filter((change) => change.status !== 'A')
        .map((change) => change.oldPath ?? change.path)
        .filter(supported(basePolicy.policy));
      headFiles = changes
        .filter((change) => change.status !== 'D')
        .map((change) => change.path)
        .filter(supported(headPolicy.policy));
    }
    for (const change of changes) if (change.oldPath) renames.set(change.oldPath, change.path);

    // Observed traffic is the same for both states: a prompt keeps its observed volume across the change.
    const observed = await readObservedVolumes(values['volumes-from'], values.app, io);
    // --calls-per-day stands in for the policy's default volume: prompts with no observed, annotated or policy
    // volume are costed at it, and labelled assumed like the policy default.
    const withDefaultVolume = (policy: Policy): Policy =>
      callsPerDay === undefined ? policy : { ...policy, defaultCallsPerDay: callsPerDay };
    const auditOptions = {
      environment: values.env,
      model: values.model,
      ...(observed ? { volumes: observed.volumes } : {}),
    };
    const notices: string[] = [];
    const audit = (
      commit: string | undefined,
      files: string[],
      policy: Policy,
    ): { audits: FileAudit[]; sources: Map<string, string> } => {
      const contents = read(commit, files);
      const audits: FileAudit[] = [];
      const sources = new Map<string, string>();
      files.forEach((file, i) => {
        const text = contents[i];
        if (text === undefined) return;
        const fileAudit = auditText(text, file, { ...auditOptions, policy: withDefaultVolume(policy) });
        notices.push(...fileAudit.notices);
        audits.push(fileAudit);
        sources.set(file, text);
      });
      return { audits, sources };
    };
    const before = audit(baseCommit, baseFiles, basePolicy.policy);
    const after = audit(headCommit, headFiles, headPolicy.policy);
    const result = diffAudits(before.audits, after.audits, { renames });

    io.stdout(
      renderDiff(format, result, {
        base: baseSide,
        head: headSide,
        sources: after.sources,
        notices: [...new Set(notices)],
        callsPerDay,
        defaultCallsPerDay: headPolicy.policy.defaultCallsPerDay,
        ...(observed ? { observed: observed.source } : {}),
      }),
    );
    return gates(result, increaseGate, findingsGate, io);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
}

function gates(
  result: DiffResult,
  increase: IncreaseGate | undefined,
  findings: Severity | undefined,
  io: CliIO,
): number {
  const { change, percent } = result.totals;
  const increased =
    increase !== undefined &&
    (increase.kind === 'amount'
      ? change > increase.nanos
      : change > 0 && (percent === undefined || percent > increase.percent));
  const introduced = findings === undefined ? 0 : newFindingsAtOrAbove(result, findings);
  if (increased) io.stderr(`tokenwise diff: the monthly cost rises by more than ${increase!.text}.\n`);
  if (introduced > 0)
    io.stderr(`tokenwise diff: the change introduces ${introduced} finding(s) at ${findings} or above.\n`);
  if (increased && introduced > 0) return ExitCode.costIncreaseAndNewFindings;
  if (increased) return ExitCode.costIncrease;
  if (introduced > 0) return ExitCode.newFindings;
  return ExitCode.ok;
}

function parseIncrease(text: string): IncreaseGate {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  if (percent) return { kind: 'percent', percent: Number(percent[1]), text: `${percent[1]}%` };
  try {
    const amount = parseAmount(text, 'usd');
    if (amount.unit === 'usd') return { kind: 'amount', nanos: amount.amount, text: text.trim() };
  } catch {
    // worded below
  }
  throw new UsageError(
    `--fail-on-increase expects a monthly amount in USD ($50, 50 usd) or a percentage (10%) (got '${text}')`,
  );
}

function parseFailOn(text: string): Severity {
  const match = /^new-findings(?::(\w+))?$/.exec(text.trim());
  if (!match)
    throw new UsageError(
      `--fail-on expects new-findings or new-findings:SEVERITY (info, warning, error) (got '${text}')`,
    );
  return match[1] === undefined ? 'info' : oneOf(match[1], severities, '--fail-on new-findings:SEVERITY');
}

function parseCallsPerDay(text: string): number {
  const value = Number(text.replace(/[,_]/g, ''));
  if (!/^\s*[\d,_]+(\.\d+)?\s*$/.test(text) || !Number.isFinite(value))
    throw new UsageError(`--calls-per-day expects a number of calls such as 1000 (got '${text}')`);
  return value;
}

/** A path given on the command line as a repository-relative pathspec; outside the repository is an error. */
function pathspec(root: string, cwd: string, path: string): string {
  // git reports the root with symbolic links resolved (/tmp → /private/tmp): resolve the folder we start from too.
  const rel = relative(root, resolve(realpathSync(cwd), path));
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new UsageError(`${path} is outside the repository (${root}).`);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

function readWorktree(root: string, file: string): string | undefined {
  const path = resolve(root, file);
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > maxWorkspaceFileBytes) return undefined;
    const bytes = readFileSync(path);
    return bytes.subarray(0, 8192).includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** The working tree's files under `paths` as git sees them: tracked (not deleted) plus untracked, not ignored. */
function worktreeFiles(root: string, paths: readonly string[]): string[] {
  const added = changedFiles(root, 'HEAD', undefined, paths)
    .filter((change) => change.status === 'A')
    .map((change) => change.path);
  return [...new Set([...listFiles(root, 'HEAD', paths), ...added])].filter((file) => existsSync(resolve(root, file)));
}

/** The policy of one state: the named file, else the first of the usual names at the root; defaults when none. */
function loadPolicyAt(
  file: string | undefined,
  read: (files: readonly string[]) => (string | undefined)[],
  side: string,
): { policy: Policy; text: string } {
  const names = file ? [file] : policyNames;
  const contents = read(names);
  const found = contents.findIndex((text) => text !== undefined);
  if (found < 0) return { policy: defaultPolicy, text: '' };
  try {
    return { policy: parsePolicy(contents[found]!, names[found]!), text: contents[found]! };
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(`policy file of the ${side}: ${error.message}`);
    throw error;
  }
}
