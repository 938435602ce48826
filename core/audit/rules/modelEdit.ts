import type { TextRange } from '../../extract';
import type { RuleContext, TextEdit } from '../types';

/** Where the prompt names its model: the call site's model literal, else a prompt file's front matter value. */
export function modelRangeOf(context: RuleContext): TextRange | undefined {
  return context.prompt.callSite?.modelRange ?? context.prompt.modelRange;
}

/** An edit that switches the model string, keeping its quotes; undefined when there is no literal. */
export function modelEdit(context: RuleContext, model: string): TextEdit | undefined {
  const range = modelRangeOf(context);
  if (!range) return undefined;
  const literal = context.source.slice(range.start, range.end);
  const quoted = /^(['"`])(.*)\1$/s.exec(literal);
  if (quoted) return { range: context.range(range.start + 1, range.end - 1), newText: model };
  // A range over the bare id (no quotes) is replaced whole; anything else is an expression, not a literal.
  return /^[\w./:@-]+$/.test(literal) ? { range, newText: model } : undefined;
}
