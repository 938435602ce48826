// Inline suppression comments, in whatever comment syntax the file uses:
//   // tokenwise-disable-next-line rule-id[, rule-id…]     (TypeScript, JavaScript)
//   # tokenwise-disable-next-line rule-id                   (Python)
//   {# tokenwise-disable-next-line rule-id #}               (Jinja, Prompty)
//   {{! tokenwise-disable-next-line rule-id }}              (Handlebars, Mustache, Dotprompt)
//   {% comment %}tokenwise-disable-next-line rule-id{% endcomment %}   (Liquid)
//   tokenwise-disable-file rule-id                          (anywhere in the file, e.g. `#` in YAML front matter)
// With no rule id the comment silences every rule. "Next line" also covers a prompt or call that starts on that
// line, because a comment cannot go inside a template literal without becoming part of the prompt.
import type { LineIndex } from '../extract';

export interface Suppressions {
  /** Whether `ruleId` is silenced for something starting on any of `lines` (0-based). */
  covers(ruleId: string, lines: readonly number[]): boolean;
}

type RuleSet = Set<string> | 'all';

export function parseSuppressions(source: string, lines: LineIndex): Suppressions {
  const nextLine = new Map<number, RuleSet>();
  let file: RuleSet | undefined;
  const directive = /tokenwise-disable-(next-line|file)\b([^\r\n]*)/g;
  for (let match = directive.exec(source); match; match = directive.exec(source)) {
    // The ids end where the comment does: `#}`, `*/`, `-->`, `%}`, `}}`, or Liquid's `{% endcomment %}`.
    const ids = match[2]!
      .replace(/(#}|\*\/|-->|%}|}}|\{%).*$/, '')
      .split(/[\s,]+/)
      .filter((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    const rules: RuleSet = ids.length === 0 ? 'all' : new Set(ids);
    if (match[1] === 'file') file = merge(file, rules);
    else {
      const line = lines.position(match.index).line + 1;
      nextLine.set(line, merge(nextLine.get(line), rules));
    }
  }
  const has = (set: RuleSet | undefined, ruleId: string): boolean =>
    set === 'all' || (set !== undefined && set.has(ruleId));
  return {
    covers: (ruleId, candidates) => has(file, ruleId) || candidates.some((line) => has(nextLine.get(line), ruleId)),
  };
}

function merge(a: RuleSet | undefined, b: RuleSet): RuleSet {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}
