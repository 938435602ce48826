// The same instruction or sentence said twice: the model does not need it twice, and every call pays for both.
// One finding per repeated sentence, however often it repeats, so a prompt that says one thing five times gets one
// line in the Problems panel, not four.
import { variableTokens } from '../../estimate';
import type { FindingDraft, PartView, Rule, RuleContext } from '../types';

interface Sentence {
  /** Index of the part, so positions compare across messages. */
  partIndex: number;
  view: PartView;
  start: number;
  end: number;
  key: string;
}

/** Sentences shorter than this (in words) repeat naturally ("Be concise.", "Input:") and are not flagged. */
const minWords = 4;
/**
 * A repeat after this many tokens of variable content is a reminder, not waste: restating the instructions after a
 * long document is what OpenAI's long-context guidance recommends (instructions at both the beginning and the end).
 */
const longContextTokens = 1_000;

export const duplicateInstruction: Rule = {
  id: 'duplicate-instruction',
  defaultSeverity: 'warning',
  summary: 'The same instruction or sentence appears more than once in the prompt',
  waste: true,
  check(context) {
    const occurrences = new Map<string, Sentence[]>();
    context.parts.forEach((view, partIndex) => {
      for (const sentence of sentences(view, partIndex)) {
        const list = occurrences.get(sentence.key);
        if (list) list.push(sentence);
        else occurrences.set(sentence.key, [sentence]);
      }
    });
    const findings: FindingDraft[] = [];
    for (const [first, ...later] of occurrences.values()) {
      const repeats: Sentence[] = [];
      let previous = first!;
      for (const sentence of later) {
        if (!longContextBetween(context, previous, sentence)) repeats.push(sentence);
        previous = sentence;
      }
      if (repeats.length > 0) findings.push(finding(context, first!, repeats));
    }
    return findings.sort((a, b) => a.range.start - b.range.start);
  },
};

function finding(context: RuleContext, first: Sentence, repeats: Sentence[]): FindingDraft {
  const text = (sentence: Sentence) => sentence.view.part.text.slice(sentence.start, sentence.end);
  const tokens = repeats.reduce((sum, sentence) => sum + context.count(text(sentence)), 0);
  const firstAt = context.partRange(first.view, first.start, first.end);
  const ranges = repeats.map((sentence) => context.partRange(sentence.view, sentence.start, sentence.end));
  // Removing a repeat takes the whitespace before it too, so the text around it stays well formed.
  const edits = repeats.map((sentence) => {
    const removeFrom = sentence.view.part.text.slice(0, sentence.start).search(/[ \t]*$/);
    return context.partEdit(sentence.view, removeFrom, sentence.end, '');
  });
  const said = `"${preview(text(first))}"`;
  const message =
    repeats.length === 1
      ? `Repeats an instruction already given on line ${firstAt.startLine + 1}: ${said} (${tokens} tokens per call).`
      : `Repeats ${repeats.length} more times (lines ${ranges.map((range) => range.startLine + 1).join(', ')}) an instruction already given on line ${firstAt.startLine + 1}: ${said} (${tokens} tokens per call in all).`;
  return {
    message,
    range: ranges[0]!,
    tokens,
    costPerMonth: context.monthlyCostOf(tokens),
    fix: edits.every((edit) => edit !== undefined)
      ? { description: repeats.length === 1 ? 'Remove the repeated sentence' : 'Remove the repeats', edits }
      : undefined,
  };
}

/** Whether long variable content (a document, history, retrieved chunks) sits between two occurrences. */
function longContextBetween(context: RuleContext, before: Sentence, after: Sentence): boolean {
  let tokens = 0;
  for (let index = before.partIndex; index <= after.partIndex; index++) {
    for (const placement of context.parts[index]!.placements) {
      if (index === before.partIndex && placement.start < before.end) continue;
      if (index === after.partIndex && placement.end > after.start) continue;
      if (placement.variable.unbounded) return true;
      tokens += variableTokens(placement.variable, context.count);
    }
  }
  return tokens >= longContextTokens;
}

/** Sentences and list items with their offsets; a sentence ends at . ! ? followed by space, or at a line end. */
function sentences(view: PartView, partIndex: number): Sentence[] {
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
    out.push({ partIndex, view, start, end, key });
  }
  return out;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
