// Glob matching for policy entries, without a dependency so core stays web-safe and small.
//
// Two flavours, because the policy matches two kinds of names:
// - model globs (`gpt-4o*`, `claude-*-4-5`): `*` matches any run of characters, slashes included, since some
//   hosts put slashes in model ids (`meta-llama/llama-4-scout`);
// - path globs (`prompts/**/*.prompt`): `*` stays within one path segment and `**` spans segments. A path glob
//   matches the END of a path at a segment boundary, so it works the same for paths relative to the repository
//   and for absolute paths (`support/*.md` matches `/home/ada/app/prompts/support/triage.md`); a glob that starts
//   with `/` is anchored at the start.
//
// Matching simulates the glob as an automaton over the text (time ∝ glob length × text length) instead of compiling
// it to a backtracking RegExp, where a glob like `*a*a*a*a*b` takes exponential time.

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'class'; negate: boolean; ranges: [string, string][] }
  | { kind: 'star' }
  /** `**` not followed by `/`: anything, slashes included. */
  | { kind: 'globstar' }
  /** `**\/`: zero or more whole segments, i.e. nothing or anything that ends with `/`. */
  | { kind: 'segments' };

const maxAlternatives = 256;
const compiled = new Map<string, Token[][]>();

/** Whether a model id matches a model glob (`gpt-4o*`). Exact ids match themselves. */
export function matchesModelGlob(glob: string, model: string): boolean {
  return alternatives(glob, false).some((tokens) => run(tokens, model, false, true));
}

/** Whether a file path (relative or absolute, either slash) matches a path glob; see the module comment. */
export function matchesPathGlob(glob: string, filePath: string): boolean {
  const pattern = glob.startsWith('./') ? glob.slice(2) : glob;
  const anchored = pattern.startsWith('/');
  return alternatives(pattern, true).some((tokens) => run(tokens, filePath.replace(/\\/g, '/'), true, anchored));
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
  if (depth !== 0) return `unbalanced '{' in glob '${glob}'`;
  if (expandBraces(glob).length > maxAlternatives)
    return `glob '${glob}' expands to more than ${maxAlternatives} alternatives`;
  return undefined;
}

function alternatives(glob: string, pathMode: boolean): Token[][] {
  const key = `${pathMode ? 'p' : 'm'}:${glob}`;
  let found = compiled.get(key);
  if (!found) {
    found = expandBraces(glob)
      .slice(0, maxAlternatives)
      .map((alternative) => tokenize(alternative, pathMode));
    compiled.set(key, found);
  }
  return found;
}

/** `a{b,c{d,e}}` → `ab`, `acd`, `ace`. Unbalanced braces are taken literally. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open === -1) return [glob];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) {
      const bounds = [open, ...commas, i];
      const options = bounds.slice(1).map((end, k) => glob.slice(bounds[k]! + 1, end));
      const rest = expandBraces(glob.slice(i + 1));
      const results: string[] = [];
      for (const option of options.flatMap(expandBraces)) {
        for (const tail of rest) {
          results.push(glob.slice(0, open) + option + tail);
          if (results.length > maxAlternatives) return results;
        }
      }
      return results;
    } else if (glob[i] === ',' && depth === 1) commas.push(i);
  }
  return [glob];
}

function tokenize(glob: string, pathMode: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      let end = i;
      while (glob[end + 1] === '*') end++;
      const double = end > i && pathMode;
      if (double && glob[end + 1] === '/') {
        tokens.push({ kind: 'segments' });
        i = end + 1;
      } else {
        tokens.push({ kind: double || !pathMode ? 'globstar' : 'star' });
        i = end;
      }
    } else if (char === '?') {
      tokens.push({ kind: 'any' });
    } else if (char === '[' && glob.indexOf(']', i + 2) !== -1) {
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k]!, body[k + 2]!]);
          k += 2;
        } else ranges.push([body[k]!, body[k]!]);
      }
      tokens.push({ kind: 'class', negate, ranges });
      i = close;
    } else {
      tokens.push({ kind: 'char', char });
    }
  }
  return tokens;
}

// States: 0…n are glob positions; n+1+i is "inside the segments of token i, after a non-slash character".
function run(tokens: Token[], text: string, pathMode: boolean, anchored: boolean): boolean {
  const n = tokens.length;
  let current = new Set<number>();
  const add = (set: Set<number>, state: number) => {
    // Follow the empty moves: a star, globstar or segments token may match nothing.
    while (!set.has(state)) {
      set.add(state);
      const token = state < n ? tokens[state] : undefined;
      if (!token || !(token.kind === 'star' || token.kind === 'globstar' || token.kind === 'segments')) return;
      state++;
    }
  };
  add(current, 0);
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const next = new Set<number>();
    for (const state of current) {
      if (state > n) {
        // Inside segments: a slash ends a segment (and may end the run of segments), anything else stays inside.
        const token = state - n - 1;
        if (char === '/') add(next, token);
        else next.add(state);
        continue;
      }
      const token = tokens[state];
      if (!token) continue;
      switch (token.kind) {
        case 'char':
          if (token.char === char) add(next, state + 1);
          break;
        case 'any':
          if (!(pathMode && char === '/')) add(next, state + 1);
          break;
        case 'class': {
          const inClass = token.ranges.some(([from, to]) => char >= from && char <= to);
          if (inClass !== token.negate && !(pathMode && char === '/')) add(next, state + 1);
          break;
        }
        case 'star':
          if (char !== '/') add(next, state);
          break;
        case 'globstar':
          add(next, state);
          break;
        case 'segments':
          if (char === '/') add(next, state);
          else next.add(state + n + 1);
          break;
      }
    }
    // An unanchored path glob may also start right after any slash.
    if (pathMode && !anchored && char === '/') add(next, 0);
    current = next;
    if (current.size === 0 && (anchored || !pathMode)) return false;
  }
  return current.has(n);
}
