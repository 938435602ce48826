// `/tokens spend` arguments:
// [team NAME | @user | model NAME | app NAME | prompt ID] [RANGE] [by team|user|model|app|prompt] [public]
import { promptIdSchema } from '../../core';
import { DIMENSIONS, type Dimension } from '../store/store';

/** What a report can be filtered on and broken down by: the roll-ups' dimensions and the prompt id. */
export type SpendDimension = Dimension | 'prompt';

export interface SpendArgs {
  filter?: { dimension: Dimension; value: string } | { dimension: 'prompt'; value: string };
  /** A range as core's parseRange reads it; 'month' when none is given. */
  range: string;
  by: SpendDimension;
  public: boolean;
}

const BY: readonly SpendDimension[] = [...DIMENSIONS, 'prompt'];

export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

const RANGE =
  /^(today|yesterday|\d+d|week|last-week|month|last-month|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/i;
// Slack escapes a mention in command text as <@U123|name> (or <@U123>) when the command sets should_escape.
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** What a breakdown shows when the user names none: the level below the filter. */
const DEFAULT_BY: Record<SpendDimension | 'none', SpendDimension> = {
  none: 'team',
  team: 'user',
  user: 'model',
  model: 'team',
  app: 'model',
  prompt: 'model',
};

/** The prompt roll-up knows each call's app and model, not its team or person. */
const PROMPT_BREAKDOWNS: Record<SpendDimension | 'none', readonly SpendDimension[]> = {
  none: BY,
  team: DIMENSIONS,
  user: DIMENSIONS,
  model: DIMENSIONS,
  app: BY,
  prompt: ['model', 'app'],
};

export interface Word {
  word: string;
  /** Where the word (with its quotes) starts in the text. */
  start: number;
}

/** Splits command text into words and where each starts, keeping "quoted names" and <@mentions> whole. */
export function wordSpans(text: string): Word[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)]
    .map((match) => ({ word: match[1] ?? match[2]!, start: match.index }))
    .filter(({ word }) => word !== '');
}

export function words(text: string): string[] {
  return wordSpans(text).map(({ word }) => word);
}

/** Command text as the person typed it: Slack sends &, < and > escaped (mentions and links stay in their <…>). */
export function typedText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function parseSpendArgs(args: readonly string[]): SpendArgs {
  let filter: SpendArgs['filter'];
  let range: string | undefined;
  let isPublic = false;
  let by: SpendDimension | undefined;
  const setFilter = (dimension: SpendDimension, value: string | undefined) => {
    if (filter)
      throw new ArgumentError(
        `Only one of team, @user, model, app or prompt at a time (already ${filter.dimension} ${filter.value}).`,
      );
    if (!value)
      throw new ArgumentError(
        dimension === 'prompt'
          ? '"prompt" needs the id the audit prints, e.g. `prompt src/triage.ts#triageTicket`.'
          : `"${dimension}" needs a name, e.g. \`${dimension} ${dimension === 'model' ? 'gpt-4o' : 'search'}\`.`,
      );
    if (dimension !== 'prompt') {
      filter = { dimension, value };
      return;
    }
    const id = promptIdSchema.safeParse(value);
    if (!id.success) throw new ArgumentError(`That prompt id won't do: it ${id.error.issues[0]!.message}.`);
    filter = { dimension, value: id.data };
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lower = word.toLowerCase();
    const mention = MENTION.exec(word);
    if (mention) setFilter('user', mention[1]);
    else if (lower === 'team' || lower === 'model' || lower === 'app' || lower === 'user' || lower === 'prompt')
      setFilter(lower, args[++i]);
    else if (lower === 'by') {
      const dimension = args[++i]?.toLowerCase();
      if (!BY.includes(dimension as SpendDimension))
        throw new ArgumentError('"by" takes team, user, model, app or prompt.');
      by = dimension as SpendDimension;
    } else if (lower === 'public') isPublic = true;
    else if (RANGE.test(word)) {
      if (range) throw new ArgumentError(`One range at a time (already ${range}).`);
      range = lower;
    } else if (word.startsWith('@')) {
      throw new ArgumentError(
        `I can't tell who ${word} is: pick the person from Slack's @ menu so the mention is a link.`,
      );
    } else throw new ArgumentError(`I don't understand "${word}".`);
  }
  const filtered = filter?.dimension ?? 'none';
  if (by !== undefined && !PROMPT_BREAKDOWNS[filtered].includes(by))
    throw new ArgumentError(
      filtered === 'prompt'
        ? "A prompt's spend breaks down by model or app."
        : `Spend by prompt is for the organisation or one app: the prompt roll-up has no ${filtered}.`,
    );
  return { filter, range: range ?? 'month', by: by ?? DEFAULT_BY[filtered], public: isPublic };
}
