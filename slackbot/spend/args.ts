// `/tokens spend` arguments: [team NAME | @user | model NAME | app NAME] [RANGE] [by team|user|model|app] [public]
import { DIMENSIONS, type Dimension } from '../store/store';

export interface SpendArgs {
  filter?: { dimension: Dimension; value: string };
  /** A range as core's parseRange reads it; 'month' when none is given. */
  range: string;
  by: Dimension;
  public: boolean;
}

export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

const RANGE =
  /^(today|yesterday|\d+d|week|last-week|month|last-month|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/i;
// Slack escapes a mention in command text as <@U123|name> (or <@U123>) when the command sets should_escape.
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** What a breakdown shows when the user names none: the level below the filter. */
const DEFAULT_BY: Record<Dimension | 'none', Dimension> = {
  none: 'team',
  team: 'user',
  user: 'model',
  model: 'team',
  app: 'model',
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
  let by: Dimension | undefined;
  let isPublic = false;
  const setFilter = (dimension: Dimension, value: string | undefined) => {
    if (filter)
      throw new ArgumentError(
        `Only one of team, @user, model or app at a time (already ${filter.dimension} ${filter.value}).`,
      );
    if (!value)
      throw new ArgumentError(
        `"${dimension}" needs a name, e.g. \`${dimension} ${dimension === 'model' ? 'gpt-4o' : 'search'}\`.`,
      );
    filter = { dimension, value };
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lower = word.toLowerCase();
    const mention = MENTION.exec(word);
    if (mention) setFilter('user', mention[1]);
    else if (lower === 'team' || lower === 'model' || lower === 'app' || lower === 'user') setFilter(lower, args[++i]);
    else if (lower === 'by') {
      const dimension = args[++i]?.toLowerCase();
      if (!DIMENSIONS.includes(dimension as Dimension)) throw new ArgumentError('"by" takes team, user, model or app.');
      by = dimension as Dimension;
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
  return { filter, range: range ?? 'month', by: by ?? DEFAULT_BY[filter?.dimension ?? 'none'], public: isPublic };
}
