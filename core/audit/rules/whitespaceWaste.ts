// Whitespace the model is billed for and never needs: trailing spaces, runs of blank lines, and the indentation a
// template literal or triple-quoted string picks up from the code around it.
import type { FindingDraft, PartView, Rule, RuleContext, TextEdit } from '../types';

interface Waste {
  start: number;
  end: number;
  newText: string;
}

export const whitespaceWaste: Rule = {
  id: 'whitespace-waste',
  defaultSeverity: 'info',
  summary: 'Trailing spaces, runs of blank lines or code indentation inside the prompt text',
  waste: true,
  check(context) {
    return context.parts.flatMap((view) => checkPart(context, view));
  },
};

function checkPart(context: RuleContext, view: PartView): FindingDraft[] {
  const text = view.part.text;
  const found = {
    'trailing spaces': trailingSpaces(text),
    'runs of blank lines': blankLineRuns(text),
    'code indentation': indentation(text),
  };
  const wastes = Object.values(found)
    .flat()
    .sort((a, b) => a.start - b.start);
  const merged: Waste[] = [];
  for (const waste of wastes) {
    const last = merged[merged.length - 1];
    // Overlaps happen where a trailing-space run meets an indented line; keep the first, drop the clash.
    if (last && waste.start < last.end) continue;
    merged.push(waste);
  }
  if (merged.length === 0) return [];
  let cleaned = '';
  let at = 0;
  for (const waste of merged) {
    cleaned += text.slice(at, waste.start) + waste.newText;
    at = waste.end;
  }
  cleaned += text.slice(at);
  const saved = context.count(text) - context.count(cleaned);
  if (saved <= 0) return [];
  const edits = merged.map((waste) => context.partEdit(view, waste.start, waste.end, waste.newText));
  const kinds = Object.entries(found)
    .filter(([, list]) => list.length > 0)
    .map(([kind]) => kind);
  return [
    {
      message: `Whitespace waste (${kinds.join(', ')}): ${saved} token${saved === 1 ? '' : 's'} per call for nothing.`,
      range: context.partRange(view, merged[0]!.start, merged[merged.length - 1]!.end),
      tokens: saved,
      costPerMonth: context.monthlyCostOf(saved),
      fix: edits.every((edit): edit is TextEdit => edit !== undefined)
        ? { description: 'Remove the wasted whitespace', edits }
        : undefined,
    },
  ];
}

function trailingSpaces(text: string): Waste[] {
  return [...text.matchAll(/[ \t]+(?=\r?\n)/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    newText: '',
  }));
}

/** Two or more blank lines in a row become one: a single blank line is how prompts separate sections. */
function blankLineRuns(text: string): Waste[] {
  return [...text.matchAll(/\n(?:[ \t]*\r?\n){2,}/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    newText: '\n\n',
  }));
}

/** Indentation shared by every non-blank line after the first (the first follows the opening quote). */
function indentation(text: string): Waste[] {
  const lines = text.split('\n');
  if (lines.length < 3) return [];
  let common: string | undefined;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    common = common === undefined ? indent : commonPrefix(common, indent);
    if (common === '') return [];
  }
  if (common === undefined || common.length < 2) return [];
  const wastes: Waste[] = [];
  let offset = lines[0]!.length + 1;
  for (const line of lines.slice(1)) {
    if (line.trim() !== '') wastes.push({ start: offset, end: offset + common.length, newText: '' });
    offset += line.length + 1;
  }
  return wastes;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
