import type { RuleContext, TextEdit } from '../types';

/** An edit that switches the call site's model string, keeping its quotes; undefined when there is no literal. */
export function modelEdit(context: RuleContext, model: string): TextEdit | undefined {
  const range = context.prompt.callSite?.modelRange;
  if (!range) return undefined;
  const literal = context.source.slice(range.start, range.end);
  const quoted = /^(['"`])(.*)\1$/s.exec(literal);
  if (quoted) return { range: context.range(range.start + 1, range.end - 1), newText: model };
  // A range over the bare id (no quotes) is replaced whole; anything else is an expression, not a literal.
  return /^[\w./:@-]+$/.test(literal) ? { range, newText: model } : undefined;
}
