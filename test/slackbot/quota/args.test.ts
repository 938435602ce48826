import { strict as assert } from 'node:assert';
import { parseBudgetArgs, parseRequestArgs } from '../../../slackbot/quota/args';
import { ArgumentError, words } from '../../../slackbot/spend/args';

const budget = (text: string) => parseBudgetArgs(words(text));

describe('/tokens budget set arguments', () => {
  it('reads a team, a user or the organisation, an amount of one or more words, the period and options', () => {
    assert.deepEqual(budget('set team search $500 per month'), {
      scope: 'team',
      subject: 'search',
      amount: '$500',
      period: 'month',
    });
    assert.deepEqual(budget('set <@U123|ada> 2M tokens per day soft 50, 80 hard off'), {
      scope: 'user',
      subject: 'U123',
      amount: '2M tokens',
      period: 'day',
      thresholds: [50, 80],
      hardCapPercent: null,
    });
    assert.deepEqual(budget('set org 1.5k usd per weekly hard 120%'), {
      scope: 'organization',
      subject: 'organization',
      amount: '1.5k usd',
      period: 'week',
      hardCapPercent: 120,
    });
    assert.deepEqual(budget('set team "data science" $50 per week soft 90').subject, 'data science');
    assert.deepEqual(budget('set env dev 2M tokens per day'), {
      scope: 'environment',
      subject: 'dev',
      amount: '2M tokens',
      period: 'day',
    });
    assert.deepEqual(budget('set environment test $20 per week'), {
      scope: 'environment',
      subject: 'test',
      amount: '$20',
      period: 'week',
    });
    assert.deepEqual(budget('set app triage $300 per month hard 100'), {
      scope: 'app',
      subject: 'triage',
      amount: '$300',
      period: 'month',
      hardCapPercent: 100,
    });
  });

  it('says what is missing or wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['list', /Set a budget with/],
      ['set', /Say whose budget/],
      ['set @ada $5 per day', /pick the person from Slack's @ menu/],
      ['set team', /"team" needs a name/],
      ['set env', /"env" needs a name/],
      ['set team search per day', /Give an amount/],
      ['set team search $5', /Say the period/],
      ['set team search $5 per year', /day, week or month, not "year"/],
      ['set team search $5 per day soft many', /percentages such as/],
      ['set team search $5 per day hard 100 120', /one percentage/],
      ['set team search $5 per day loudly', /I don't understand "loudly"/],
    ];
    for (const [text, message] of cases)
      assert.throws(
        () => budget(text),
        (error: Error) => error instanceof ArgumentError && message.test(error.message),
        text,
      );
  });
});

describe('/tokens quota request arguments', () => {
  it('reads the amount (with its unit word), team and end date, and takes the rest as the reason', () => {
    assert.deepEqual(parseRequestArgs('$200 team search until 2026-12-31 launch week, bigger model'), {
      amount: '$200',
      team: 'search',
      until: '2026-12-31',
      reason: 'launch week, bigger model',
    });
    assert.deepEqual(parseRequestArgs('2M tokens for the eval run'), {
      amount: '2M tokens',
      reason: 'for the eval run',
    });
    assert.deepEqual(parseRequestArgs('500'), { amount: '500', reason: '' });
    assert.throws(() => parseRequestArgs('$5 until'), /"until" needs a value/);
  });

  it('keeps the reason as typed: quotes, inner spacing and line breaks, with Slack’s &, < and > escapes undone', () => {
    assert.equal(
      parseRequestArgs('$20 team search "urgent"  fix:\n  the  <eval> run').reason,
      '"urgent"  fix:\n  the  <eval> run',
    );
    assert.equal(
      parseRequestArgs('$20 "GPU" &amp; data &lt;v2&gt; for <@U100>').reason,
      '"GPU" & data <v2> for <@U100>',
    );
  });
});
