// Reading two states of a git repository for `tokenwise diff`: which files changed (renames detected), and their
// contents at a commit, many blobs through one `git cat-file --batch` process rather than a process per file.
import { execFileSync } from 'node:child_process';

/** A problem with the repository or the refs given, worded for the user. */
export class GitError extends Error {}

export interface ChangedFile {
  /** A added, M modified, D deleted, R renamed (C copied counts as added at its new path). */
  status: 'A' | 'M' | 'D' | 'R';
  /** Path at the head (the base path for a deletion). */
  path: string;
  /** Path at the base, for renames. */
  oldPath?: string;
}

/** Runs git in `cwd` and returns its standard output; a failure is a GitError carrying git's own message. */
export function git(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { code?: string; stderr?: Buffer; message: string };
    if (failure.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH).');
    throw new GitError((failure.stderr?.toString('utf8').trim() || failure.message).split('\n')[0]!);
  }
}

/** The repository's top folder for `cwd`, or a GitError saying it is not in one. */
export function repositoryRoot(cwd: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    throw new GitError(`${cwd} is not inside a git repository.`);
  }
}

export function isShallow(root: string): boolean {
  return git(root, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
}

/** The commit a ref names, or a GitError (with a hint when a shallow clone may simply lack it). */
export function resolveCommit(root: string, ref: string): string {
  if (ref.startsWith('-')) throw new GitError(`'${ref}' is not a git ref.`);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    const hint = isShallow(root)
      ? ' This is a shallow clone: fetch the ref (or the full history, e.g. actions/checkout with fetch-depth: 0).'
      : '';
    throw new GitError(`unknown git ref '${ref}'.${hint}`);
  }
}

/** The branch the repository merges into: origin's HEAD, else the first of origin/main, origin/master, main,
 * master that exists. */
export function defaultBranch(root: string): string {
  try {
    return git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).toString('utf8').trim();
  } catch {
    for (const candidate of ['origin/main', 'origin/master', 'main', 'master']) {
      try {
        git(root, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
        return candidate;
      } catch {
        // try the next one
      }
    }
  }
  const hint = isShallow(root)
    ? ' This is a shallow clone: fetch the default branch too (actions/checkout with fetch-depth: 0).'
    : '';
  throw new GitError(`cannot tell the default branch (no origin/HEAD, main or master); give --base REF.${hint}`);
}

/** Where `head` left the default branch: the default base of a diff. */
export function mergeBase(root: string, head: string, branch = defaultBranch(root)): string {
  try {
    return git(root, ['merge-base', head, branch]).toString('utf8').trim();
  } catch {
    const hint = isShallow(root)
      ? ' This is a shallow clone without that history: fetch it (actions/checkout with fetch-depth: 0) or give --base.'
      : '';
    throw new GitError(`no merge base between ${head} and ${branch}.${hint}`);
  }
}

/** Files that differ between `base` and `head` (a commit, or undefined for the working tree, untracked files
 * included), limited to `paths` (repository-relative pathspecs; none: everything). */
export function changedFiles(
  root: string,
  base: string,
  head: string | undefined,
  paths: readonly string[],
): ChangedFile[] {
  const args = [
    '-c',
    'core.quotepath=off',
    'diff',
    '--name-status',
    '-M',
    '-z',
    '--no-ext-diff',
    base,
    ...(head ? [head] : []),
    '--',
    ...paths,
  ];
  const fields = git(root, args).toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code = fields[i++]!;
    const kind = code[0];
    if (kind === 'R' || kind === 'C') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      files.push(kind === 'R' ? { status: 'R', path: to, oldPath: from } : { status: 'A', path: to });
    } else if (kind === 'A' || kind === 'M' || kind === 'D' || kind === 'T') {
      files.push({ status: kind === 'T' ? 'M' : kind, path: fields[i++]! });
    } else i++;
  }
  if (!head) {
    const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths])
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
    for (const path of untracked) files.push({ status: 'A', path });
  }
  return files;
}

/** Every file path of a commit under `paths`. */
export function listFiles(root: string, commit: string, paths: readonly string[]): string[] {
  return git(root, ['-c', 'core.quotepath=off', 'ls-tree', '-r', '-z', '--name-only', commit, '--', ...paths])
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
}

/** The contents of `path` at `commit` for each request, in one git process; undefined where the file does not exist
 * there, and for binary (NUL in the first 8 KiB) or oversized blobs. */
export function readBlobs(
  root: string,
  commit: string,
  paths: readonly string[],
  maxBytes = Infinity,
): (string | undefined)[] {
  if (paths.length === 0) return [];
  // `git cat-file --batch` reads one object name per line: paths with a line break cannot be asked this way.
  const asked = paths.map((path) => (path.includes('\n') ? '' : `${commit}:${path}`));
  const output = git(root, ['cat-file', '--batch'], asked.map((line) => `${line}\n`).join(''));
  const contents: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < paths.length; i++) {
    const lineEnd = output.indexOf(10, at);
    const header = output.subarray(at, lineEnd).toString('utf8');
    at = lineEnd + 1;
    const match = / (\w+) (\d+)$/.exec(header);
    if (!match) {
      contents.push(undefined);
      continue;
    }
    const size = Number(match[2]);
    const body = output.subarray(at, at + size);
    at += size + 1;
    contents.push(
      match[1] !== 'blob' || size > maxBytes || body.subarray(0, 8192).includes(0) ? undefined : body.toString('utf8'),
    );
  }
  return contents;
}
