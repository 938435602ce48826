// Walks the files a user names (files or folders) and reads them one at a time, so a run over a large repository
// holds one file in memory at once. Skips what cannot hold a prompt worth reading: ignored folders, binary files and
// huge files, each skip reported as a notice rather than an error. File access is synchronous on purpose: a CLI
// run reads thousands of small files in sequence, and a promise per stat and read costs more than the reads.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { matchesPathGlob } from '../policy/glob';

/** Folders never worth walking: dependencies, build output, VCS metadata, virtual environments, caches. */
export const defaultIgnoredFolders: readonly string[] = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.vscode-test',
  '.tokenwise',
];

/** Files larger than this are skipped: a prompt file or source file that big is generated data, not a prompt. */
export const maxWorkspaceFileBytes = 2 * 1024 * 1024;

export interface WorkspaceFile {
  kind: 'file';
  /** Absolute path. */
  path: string;
  /** Path relative to the walk's root, with forward slashes (as SARIF and reports show it). */
  relativePath: string;
  text: string;
}

export interface WorkspaceSkip {
  kind: 'skipped';
  path: string;
  relativePath: string;
  reason: string;
}

export type WorkspaceEntry = WorkspaceFile | WorkspaceSkip;

export interface WalkOptions {
  /** Root that relative paths are resolved against and reported relative to. */
  cwd: string;
  /** Which files to read, by their relative path; others are passed over (listed as `unsupported`). */
  include?: (relativePath: string) => boolean;
  maxFileBytes?: number;
  ignoredFolders?: readonly string[];
  /** Path globs (policy glob syntax: `tests/**`, `*.test.ts`, `vendor`) of files and folders to leave out. */
  exclude?: readonly string[];
  /** Whether `.gitignore` files are honoured (default true). `.tokenwiseignore` files, same syntax, always are. */
  gitignore?: boolean;
}

/** A file or folder the walk left out, and why: an ignore file, an `--exclude` glob, or a type it does not read. */
export interface PassedOver {
  relativePath: string;
  reason: 'ignored' | 'excluded' | 'unsupported';
  folder: boolean;
}

/** The candidate files under `paths`, in a stable order, honouring ignored folders, `.gitignore` and
 * `.tokenwiseignore` files and `exclude` globs; what was left out is listed in `passedOver` (an ignored folder as one
 * entry: it is not walked). */
export function listWorkspaceFiles(
  paths: readonly string[],
  options: WalkOptions,
): { files: string[]; missing: string[]; passedOver: PassedOver[] } {
  const ignoredFolders = new Set(options.ignoredFolders ?? defaultIgnoredFolders);
  const ignoreFiles = options.gitignore === false ? ['.tokenwiseignore'] : ['.gitignore', '.tokenwiseignore'];
  const files: string[] = [];
  const missing: string[] = [];
  const passedOver: PassedOver[] = [];
  const seen = new Set<string>();
  const excluded = (relativePath: string) =>
    options.exclude?.some((glob) => matchesPathGlob(glob, relativePath)) ?? false;

  const visit = (dir: string, rules: IgnoreRule[]): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const local = [...rules, ...ignoreFiles.flatMap((name) => readIgnoreFile(dir, name))];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && ignoredFolders.has(entry.name)) continue;
      if (isIgnored(local, path, isDir)) {
        passedOver.push({ relativePath: toRelative(options.cwd, path), reason: 'ignored', folder: isDir });
        continue;
      }
      if (isDir) {
        if (excluded(toRelative(options.cwd, path)))
          passedOver.push({ relativePath: toRelative(options.cwd, path), reason: 'excluded', folder: true });
        else visit(path, local);
      } else if (entry.isFile()) add(path);
    }
  };
  const add = (path: string): void => {
    if (seen.has(path)) return;
    const relativePath = toRelative(options.cwd, path);
    if (excluded(relativePath)) {
      passedOver.push({ relativePath, reason: 'excluded', folder: false });
      return;
    }
    if (options.include && !options.include(relativePath)) {
      passedOver.push({ relativePath, reason: 'unsupported', folder: false });
      return;
    }
    seen.add(path);
    files.push(path);
  };

  for (const given of paths) {
    const path = resolve(options.cwd, given);
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) missing.push(given);
    else if (info.isDirectory()) visit(path, []);
    // A file named explicitly is read even if an ignore rule would skip it in a folder walk.
    else add(path);
  }
  return { files, missing, passedOver };
}

/** Reads the files one at a time; binary and huge files come back as skips with the reason. */
export function* readWorkspaceFiles(files: readonly string[], options: WalkOptions): Generator<WorkspaceEntry> {
  const maxBytes = options.maxFileBytes ?? maxWorkspaceFileBytes;
  for (const path of files) {
    const relativePath = toRelative(options.cwd, path);
    try {
      const info = statSync(path);
      if (info.size > maxBytes) {
        yield {
          kind: 'skipped',
          path,
          relativePath,
          reason: `skipped: ${formatBytes(info.size)} is over the ${formatBytes(maxBytes)} limit`,
        };
        continue;
      }
      const bytes = readFileSync(path);
      if (bytes.subarray(0, 8192).includes(0)) {
        yield { kind: 'skipped', path, relativePath, reason: 'skipped: binary file' };
        continue;
      }
      yield { kind: 'file', path, relativePath, text: bytes.toString('utf8') };
    } catch (error) {
      yield {
        kind: 'skipped',
        path,
        relativePath,
        reason: `skipped: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
}

/** Lists then reads: the convenient form when the caller does not need the file count up front. */
export function* walkWorkspace(paths: readonly string[], options: WalkOptions): Generator<WorkspaceEntry> {
  const { files, missing } = listWorkspaceFiles(paths, options);
  for (const given of missing) {
    yield {
      kind: 'skipped',
      path: resolve(options.cwd, given),
      relativePath: given,
      reason: 'skipped: no such file or folder',
    };
  }
  yield* readWorkspaceFiles(files, options);
}

function toRelative(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? basename(path) : rel).split(sep).join('/');
}

function formatBytes(bytes: number): string {
  // Binary units, as the CLI states its input limit: 1 MiB = 1024 × 1024 bytes.
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

// The subset of .gitignore that covers real-world files: globs with * ? **, anchored and directory-only patterns,
// and negation. Each rule is matched against the path relative to the folder holding the .gitignore.
interface IgnoreRule {
  base: string;
  pattern: RegExp;
  directoryOnly: boolean;
  negated: boolean;
}

function readIgnoreFile(dir: string, name: string): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(join(dir, name), 'utf8');
  } catch {
    return [];
  }
  return text.split(/\r?\n/).flatMap((line) => {
    let pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#')) return [];
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    const anchored = pattern.includes('/');
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    if (pattern === '') return [];
    const body = globToRegExp(pattern);
    return [{ base: dir, pattern: new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`), directoryOnly, negated }];
  });
}

function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDir) continue;
    const rel = relative(rule.base, path).split(sep).join('/');
    if (rule.pattern.test(rel)) ignored = !rule.negated;
  }
  return ignored;
}
