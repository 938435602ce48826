// The same instruction or sentence said twice: the model does not need it twice, and every call pays for both.
import type { FindingDraft, PartView, Rule } from '../types';

interface Sentence {
  view: PartView;
  start: number;
  end: number;
  key: string;
}

/** Sentences shorter than this (in words) repeat naturally ("Be concise.", "Input:") and are not flagged. */
const minWords = 4;

export const duplicateInstruction: Rule = {
  id: 'duplicate-instruction',
  defaultSeverity: 'warning',
  summary: 'The same instruction or sentence appears more than once in the prompt',
  waste: true,
  check(context) {
    const seen = new Map<string, Sentence>();
    const findings: FindingDraft[] = [];
    for (const view of context.parts) {
      for (const sentence of sentences(view)) {
        const first = seen.get(sentence.key);
        if (!first) {
          seen.set(sentence.key, sentence);
          continue;
        }
        const text = view.part.text.slice(sentence.start, sentence.end);
        const tokens = context.count(text);
        // Removing the repeat takes the whitespace before it too, so the text around it stays well formed.
        const removeFrom = view.part.text.slice(0, sentence.start).search(/[ \t]*$/);
        const edit = context.partEdit(view, removeFrom, sentence.end, '');
        const firstAt = context.partRange(first.view, first.start, first.end);
        findings.push({
          message: `Repeats an instruction already given on line ${firstAt.startLine + 1}: "${preview(text)}" (${tokens} tokens per call).`,
          range: context.partRange(view, sentence.start, sentence.end),
          tokens,
          costPerMonth: context.monthlyCostOf(tokens),
          fix: edit ? { description: 'Remove the repeated sentence', edits: [edit] } : undefined,
        });
      }
    }
    return findings;
  },
};

/** Sentences and list items with their offsets; a sentence ends at . ! ? followed by space, or at a line end. */
function sentences(view: PartView): Sentence[] {
  const out: Sentence[] = [];
  const text = view.part.text;
  const pattern = /[^\n.!?]+(?:[.!?]+(?=\s|$)|(?=\n|$))/g;
  for (const match of text.matchAll(pattern)) {
    const leading = /^[\s\-*•>\d.)]*/.exec(match[0])![0].length;
    const start = match.index + leading;
    const end = match.index + match[0].trimEnd().length;
    if (end <= start) continue;
    const key = text
      .slice(start, end)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}{}$_]+/gu, ' ')
      .trim();
    if (key.split(' ').length < minWords) continue;
    out.push({ view, start, end, key });
  }
  return out;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
