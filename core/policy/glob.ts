// Glob matching for policy entries, without a dependency so core stays web-safe and small.
//
// Two flavours, because the policy matches two kinds of names:
// - model globs (`gpt-4o*`, `claude-*-4-5`): `*` matches any run of characters, slashes included, since some
//   hosts put slashes in model ids (`meta-llama/llama-4-scout`);
// - path globs (`prompts/**/*.prompt`): `*` stays within one path segment and `**` spans segments. A path glob
//   matches the END of a path at a segment boundary, so it works the same for paths relative to the repository
//   and for absolute paths (`support/*.md` matches `/home/ada/app/prompts/support/triage.md`).

const cache = new Map<string, RegExp>();

function compile(glob: string, pathMode: boolean): RegExp {
  const key = `${pathMode ? 'p' : 'm'}:${glob}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = '';
  let braceDepth = 0;
  if (pathMode && glob.startsWith('./')) glob = glob.slice(2);
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (pathMode && glob[i + 1] === '*') {
        // `**/` matches zero or more whole segments; a trailing `**` matches the rest of the path.
        if (glob[i + 2] === '/') {
          source += '(?:[^/]*/)*';
          i += 2;
        } else {
          source += '.*';
          i += 1;
        }
      } else {
        source += pathMode ? '[^/]*' : '.*';
      }
    } else if (char === '?') {
      source += pathMode ? '[^/]' : '.';
    } else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = close;
      }
    } else {
      source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  const anchor = pathMode && !glob.startsWith('/') ? '(?:^|/)' : '^';
  const regex = new RegExp(`${anchor}${source}$`);
  cache.set(key, regex);
  return regex;
}

/** Whether a model id matches a model glob (`gpt-4o*`). Exact ids match themselves. */
export function matchesModelGlob(glob: string, model: string): boolean {
  return compile(glob, false).test(model);
}

/** Whether a file path (relative or absolute, either slash) matches a path glob; see the module comment. */
export function matchesPathGlob(glob: string, filePath: string): boolean {
  return compile(glob, true).test(filePath.replace(/\\/g, '/'));
}

/** Why a glob cannot be used, or undefined when it is well formed. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'expected a non-empty glob';
  let depth = 0;
  for (const char of glob) {
    if (char === '{') depth++;
    if (char === '}') depth--;
    if (depth < 0) return `unbalanced '}' in glob '${glob}'`;
  }
  return depth === 0 ? undefined : `unbalanced '{' in glob '${glob}'`;
}
