// Few-shot examples that outweigh the instructions: past a point, more examples cost more than they teach. Examples
// are the parts the extractor marks as few-shot (example message pairs) and, inside a text, an `Examples` section
// (a heading line up to the next heading) or an <example>/<examples> block.
import type { Rule, RuleContext } from '../types';

/** Below this size a prompt is cheap whatever its balance; examples are then simply how it is written. */
const minimumPromptTokens = 200;

export const fewShotHeavy: Rule = {
  id: 'few-shot-heavy',
  defaultSeverity: 'info',
  summary: 'Few-shot examples take more than half of the prompt’s tokens',
  waste: false,
  check(context) {
    if (context.promptTokens < minimumPromptTokens) return [];
    const examples = exampleTokens(context);
    if (examples.tokens * 2 <= context.promptTokens) return [];
    const share = Math.round((examples.tokens / context.promptTokens) * 100);
    return [
      {
        message:
          `Few-shot examples are ${share} % of the prompt (${examples.tokens.toLocaleString('en-US')} of ${context.promptTokens.toLocaleString('en-US')} tokens). ` +
          'Keep the two or three most distinct examples, or move them to a cached static prefix.',
        range: examples.range ?? context.prompt.range,
        tokens: examples.tokens,
        costPerMonth: context.monthlyCostOf(examples.tokens),
      },
    ];
  },
};

function exampleTokens(context: RuleContext): { tokens: number; range?: RuleContext['prompt']['range'] } {
  let tokens = 0;
  let range: RuleContext['prompt']['range'] | undefined;
  for (const view of context.parts) {
    if (view.part.fewShot) {
      tokens += context.count(view.part.text);
      range ??= view.part.range;
      continue;
    }
    for (const [start, end] of exampleSections(view.part.text)) {
      tokens += context.count(view.part.text.slice(start, end));
      range ??= context.partRange(view, start, end);
    }
  }
  return { tokens, range };
}

function exampleSections(text: string): [number, number][] {
  const sections: [number, number][] = [];
  for (const match of text.matchAll(/<(examples?)>[\s\S]*?<\/\1>/gi))
    sections.push([match.index, match.index + match[0].length]);
  const heading = /^[ \t]*(#{1,6}[ \t]*)?(?:few-shot )?examples?[ \t]*:?[ \t]*$/gim;
  for (const match of text.matchAll(heading)) {
    if (sections.some(([a, b]) => match.index >= a && match.index < b)) continue;
    const level = match[1]?.trim().length ?? 0;
    const rest = text.slice(match.index + match[0].length);
    // A markdown heading section ends at the next heading of its level or higher; a plain "Examples:" at the first
    // paragraph that does not open with a short `Field:` label (Input:, Message:, Q:…) the way examples do.
    const next =
      level > 0
        ? new RegExp(`^[ \\t]*#{1,${level}}[ \\t]`, 'm').exec(rest)
        : /\n[ \t]*\n(?![ \t]*[\w-]+(?: [\w-]+)?[ \t]*:)(?=\S)/.exec(rest);
    sections.push([match.index, match.index + match[0].length + (next ? next.index : rest.length)]);
  }
  return sections;
}
