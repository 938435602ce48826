// Arguments of `/tokens budget set …` and `/tokens quota request …`, read into the shapes core's schemas check.
import type { BudgetScope } from '../../core';
import { ArgumentError, typedText, wordSpans } from '../spend/args';

// Slack escapes a mention in command text as <@U123|name> (or <@U123>).
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const UNIT_WORD = /^(tokens?|usd|dollars?)$/i;
const NAMED_SCOPES: Record<string, 'team' | 'environment' | 'app'> = {
  team: 'team',
  env: 'environment',
  environment: 'environment',
  app: 'app',
};
const PERIODS: Record<string, 'day' | 'week' | 'month'> = {
  day: 'day',
  daily: 'day',
  week: 'week',
  weekly: 'week',
  month: 'month',
  monthly: 'month',
};

export const BUDGET_USAGE =
  '`/tokens budget set team NAME|env NAME|app NAME|@user|organization AMOUNT per day|week|month [soft 50,80] [hard 100|off]`';
export const REQUEST_USAGE = '`/tokens quota request [AMOUNT [team NAME] [until YYYY-MM-DD] REASON…]`';

/** What `/tokens budget set` was given, before core's budgetInputSchema checks it. */
export interface BudgetArgs {
  scope: BudgetScope;
  subject: string;
  amount: string;
  period: string;
  thresholds?: number[];
  hardCapPercent?: number | null;
}

function percentages(text: string, option: string): number[] {
  const parts = text.split(/[,\s%]+/).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((value) => !Number.isFinite(value)))
    throw new ArgumentError(`"${option}" takes percentages such as \`${option} 50,80\`.`);
  return values;
}

/** `set TARGET AMOUNT per PERIOD [soft 50,80] [hard 100|off]`, the words after `/tokens budget`. */
export function parseBudgetArgs(args: readonly string[]): BudgetArgs {
  if (args[0]?.toLowerCase() !== 'set') throw new ArgumentError(`Set a budget with ${BUDGET_USAGE}.`);
  let i = 1;
  const target = args[i++]?.toLowerCase();
  let scope: BudgetArgs['scope'];
  let subject: string;
  const mention = MENTION.exec(args[1] ?? '');
  if (mention) [scope, subject] = ['user', mention[1]!];
  else if (target !== undefined && NAMED_SCOPES[target]) {
    const name = args[i++];
    if (!name) throw new ArgumentError(`"${target}" needs a name. ${BUDGET_USAGE}`);
    [scope, subject] = [NAMED_SCOPES[target]!, name];
  } else if (target === 'organization' || target === 'organisation' || target === 'org')
    [scope, subject] = ['organization', 'organization'];
  else if (target?.startsWith('@'))
    throw new ArgumentError(
      `I can't tell who ${args[1]} is: pick the person from Slack's @ menu so the mention is a link.`,
    );
  else
    throw new ArgumentError(`Say whose budget: team NAME, env NAME, app NAME, @user or organization. ${BUDGET_USAGE}`);
  const amount: string[] = [];
  while (i < args.length && args[i]!.toLowerCase() !== 'per') amount.push(args[i++]!);
  if (amount.length === 0) throw new ArgumentError(`Give an amount such as $500 or 2M tokens. ${BUDGET_USAGE}`);
  if (args[i++]?.toLowerCase() !== 'per')
    throw new ArgumentError(`Say the period: \`per day\`, \`per week\` or \`per month\`. ${BUDGET_USAGE}`);
  const periodWord = args[i++]?.toLowerCase() ?? '';
  const period = PERIODS[periodWord];
  if (!period) throw new ArgumentError(`The period must be day, week or month, not "${periodWord}".`);
  const result: BudgetArgs = { scope, subject, amount: amount.join(' '), period };
  while (i < args.length) {
    const option = args[i++]!.toLowerCase();
    const values: string[] = [];
    while (i < args.length && !['soft', 'hard'].includes(args[i]!.toLowerCase())) values.push(args[i++]!);
    if (option === 'soft') result.thresholds = percentages(values.join(','), 'soft');
    else if (option === 'hard') {
      const value = values.join('').replace(/%$/, '').toLowerCase();
      if (value === 'off' || value === 'none') result.hardCapPercent = null;
      else [result.hardCapPercent] = percentages(value, 'hard');
      if (values.length !== 1) throw new ArgumentError('"hard" takes one percentage, or off.');
    } else throw new ArgumentError(`I don't understand "${option}". ${BUDGET_USAGE}`);
  }
  return result;
}

/** What an inline `/tokens quota request` gave, before core's quotaRequestSchema checks it. */
export interface RequestArgs {
  amount: string;
  team?: string;
  until?: string;
  reason: string;
}

/**
 * `AMOUNT [unit] [team NAME] [until YYYY-MM-DD] REASON…`, the text after `/tokens quota request`; the reason is the
 * rest of the text as typed, quotes and spacing kept.
 */
export function parseRequestArgs(text: string): RequestArgs {
  const args = wordSpans(text);
  let i = 0;
  let amount = args[i++]?.word ?? '';
  if (i < args.length && UNIT_WORD.test(args[i]!.word)) amount += ` ${args[i++]!.word}`;
  const result: RequestArgs = { amount, reason: '' };
  for (;;) {
    const word = args[i]?.word.toLowerCase();
    if (word !== 'team' && word !== 'until') break;
    const value = args[i + 1]?.word;
    if (!value) throw new ArgumentError(`"${word}" needs a value. ${REQUEST_USAGE}`);
    result[word] = value;
    i += 2;
  }
  result.reason = i < args.length ? typedText(text.slice(args[i]!.start)).trim() : '';
  return result;
}
