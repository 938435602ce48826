// Budgets and quota requests over real HTTP: signed slash commands, button clicks and modal submissions in, Web API
// calls and response_url posts out to the local Slack double; the bot runs on SQLite and on PostgreSQL.
import { strict as assert } from 'node:assert';
import { formatAmount, formatUsd, parsePolicy } from '../../core';
import { openStore } from '../../slackbot/store';
import type { QuotaRequestRecord } from '../../slackbot/store/quota';
import { storeKinds } from './support/stores';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, testBot, TOKEN } from './support/testBot';

const START = new Date('2026-11-22T12:00:00Z');
const USD = 1_000_000_000;

const policy = parsePolicy(
  JSON.stringify({
    timeZone: 'Europe/Berlin',
    teams: {
      search: { members: ['U100', 'U101'], approvers: ['U900', 'U901'] },
      ads: { members: ['U200'], approvers: ['S0LEADS'] },
      ml: { members: ['U300'], approvers: ['C0LEADS'] },
    },
    budgets: {
      teams: { search: { amountUsd: 100 }, ads: { tokens: 5_000_000, period: 'week' }, ml: { amountUsd: 50 } },
    },
  }),
  'tokenwise.config.json',
);

/** Modal input values as Slack sends them in view.state.values (every element's action_id is `value`). */
function stateValues(fields: { team?: string; amount?: string; duration?: string; until?: string; reason?: string }) {
  const selected = (value?: string) => (value ? { value, text: { type: 'plain_text', text: value } } : null);
  return {
    team: { value: { type: 'static_select', selected_option: selected(fields.team) } },
    amount: { value: { type: 'plain_text_input', value: fields.amount ?? null } },
    duration: { value: { type: 'radio_buttons', selected_option: selected(fields.duration) } },
    until: { value: { type: 'datepicker', selected_date: fields.until ?? null } },
    reason: { value: { type: 'plain_text_input', value: fields.reason ?? null } },
  };
}

for (const { name, location } of storeKinds) {
  describe(`Budgets and quota requests over HTTP (${name})`, function () {
    this.timeout(60_000);
    let clock = START;
    let sequence = 0;
    const fixture = testBot({
      policy,
      now: () => clock,
      store: async (dir) => openStore(await location(dir)),
      env: () => ({ LOG_LEVEL: 'error', TOKENWISE_ADMINS: 'UADMIN, UADMIN2' }),
    });
    const { slack } = fixture;
    slack.groupMembers = { S0LEADS: ['U950', 'U951'] };
    slack.channelMembers = { C0LEADS: ['U960'] };

    beforeEach(() => {
      clock = START;
    });

    const command = async (text: string, user = 'U100') => {
      const url = slack.responseUrl(`cmd${++sequence}`);
      const body = slashCommandBody({
        text,
        user_id: user,
        user_name: user.toLowerCase(),
        response_url: url,
        trigger_id: `trigger-${sequence}`,
      });
      const response = await post(
        `${fixture.base}/slack/events`,
        signed(SECRET, body, 'application/x-www-form-urlencoded'),
      );
      assert.equal(response.status, 200);
      return { ack: response.text ? (JSON.parse(response.text) as Record<string, any>) : undefined, url };
    };

    const answerTo = async (url: string) => {
      const path = new URL(url).pathname;
      await slack.waitFor(
        () => slack.responses.some((response) => response.path === path) || slack.rejected.length > 0,
      );
      assert.deepEqual(slack.rejected, []);
      return slack.responses.find((response) => response.path === path)!.body;
    };

    const interact = async (payload: Record<string, unknown>) => {
      const body = `payload=${encodeURIComponent(JSON.stringify({ team: { id: 'T0001' }, api_app_id: 'A0001', token: 'legacy', ...payload }))}`;
      const response = await post(
        `${fixture.base}/slack/events`,
        signed(SECRET, body, 'application/x-www-form-urlencoded'),
      );
      assert.equal(response.status, 200);
      return response.text ? (JSON.parse(response.text) as Record<string, any>) : undefined;
    };

    /** A click on one of a card's buttons; returns the response_url the bot answers the clicker on. */
    const click = async (user: string, actionId: string, request: QuotaRequestRecord) => {
      const url = slack.responseUrl(`click${++sequence}`);
      const [card] = await fixture.store.requestCards(request.id);
      await interact({
        type: 'block_actions',
        user: { id: user },
        trigger_id: `trigger-${sequence}`,
        container: { type: 'message', message_ts: card?.ts, channel_id: card?.channel },
        channel: { id: card?.channel ?? 'D900' },
        message: { ts: card?.ts, text: 'card' },
        response_url: url,
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: 'quota_decision',
            value: request.id,
            action_ts: String(Date.now() / 1000),
          },
        ],
      });
      return url;
    };

    const submit = (user: string, callbackId: string, values: Record<string, unknown>, privateMetadata = '') =>
      interact({
        type: 'view_submission',
        user: { id: user },
        trigger_id: `trigger-${++sequence}`,
        view: {
          id: `V${sequence}`,
          type: 'modal',
          callback_id: callbackId,
          private_metadata: privateMetadata,
          state: { values },
          hash: 'h',
        },
      });

    const callsOf = (method: string, channel?: string) =>
      slack.calls.filter((call) => call.method === method && (channel === undefined || call.body.channel === channel));
    const updatesOf = async (request: QuotaRequestRecord) => {
      const cards = await fixture.store.requestCards(request.id);
      return callsOf('chat.update').filter((call) => cards.some((card) => card.ts === call.body.ts));
    };
    /** The requester's DMs about a decision on `request`, which name the amount granted (the one asked for unless adjusted). */
    const dmsAbout = (request: QuotaRequestRecord, granted = request.amount) =>
      callsOf('chat.postMessage', request.requester).filter(
        (call) =>
          String(call.body.text).includes(
            `team ${request.team} (+${formatAmount({ unit: request.unit, amount: granted })})`,
          ) && /was (approved|denied)/.test(String(call.body.text)),
      );

    /** A request sent through the modal, with its cards posted. */
    const requestByModal = async (fields: Parameters<typeof stateValues>[0], user = 'U100') => {
      const known = new Set(
        (await fixture.store.quotaRequests({ requester: user, limit: 1000 })).map((request) => request.id),
      );
      const ack = await submit(user, 'quota_request', stateValues({ duration: 'permanent', ...fields }));
      assert.equal(ack?.response_action, 'update', JSON.stringify(ack));
      const added = (await fixture.store.quotaRequests({ requester: user, limit: 1000 })).filter(
        (request) => !known.has(request.id),
      );
      assert.equal(added.length, 1);
      return added[0]!;
    };

    const waitForCards = async (request: QuotaRequestRecord, count: number) => {
      for (let i = 0; i < 100 && (await fixture.store.requestCards(request.id)).length < count; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal((await fixture.store.requestCards(request.id)).length, count);
    };

    describe('requesting', () => {
      it('opens the request modal with the caller’s team chosen', async () => {
        const { url } = await command('quota request');
        await slack.waitFor(() => callsOf('views.open').some((call) => call.body.trigger_id === `trigger-${sequence}`));
        const open = callsOf('views.open').find((call) => call.body.trigger_id === `trigger-${sequence}`)!;
        const view = open.body.view as Record<string, any>;
        assert.equal(view.callback_id, 'quota_request');
        const team = view.blocks.find((block: any) => block.block_id === 'team');
        assert.deepEqual(
          team.element.options.map((option: any) => option.value),
          ['search', 'ads', 'ml'],
        );
        assert.equal(team.element.initial_option.value, 'search');
        assert.deepEqual(
          view.blocks.map((block: any) => block.block_id),
          ['team', 'amount', 'duration', 'until', 'reason'],
        );
        assert.equal(slack.responses.filter((response) => response.path === new URL(url).pathname).length, 0);
      });

      it('shows field errors for invalid values and stores nothing', async () => {
        const ack = await submit(
          'U100',
          'quota_request',
          stateValues({ team: 'search', amount: 'lots', duration: 'temporary', reason: '' }),
        );
        assert.equal(ack?.response_action, 'errors');
        assert.deepEqual(Object.keys(ack!.errors).sort(), ['amount', 'reason', 'until']);
        assert.match(ack!.errors.amount, /lots/);
        assert.match(ack!.errors.until, /end date/);
        const past = await submit(
          'U100',
          'quota_request',
          stateValues({ team: 'search', amount: '$10', duration: 'temporary', until: '2026-11-01', reason: 'x' }),
        );
        assert.deepEqual(past?.errors, { until: 'must be today or later' });
        const wrongUnit = await submit(
          'U100',
          'quota_request',
          stateValues({ team: 'search', amount: '2M tokens', duration: 'permanent', reason: 'x' }),
        );
        assert.match(wrongUnit?.errors.amount, /no token budget; ask in dollars/);
        const noTeam = await submit(
          'U100',
          'quota_request',
          stateValues({ amount: '$5', duration: 'permanent', reason: 'x' }),
        );
        assert.match(noTeam?.errors.team, /must not be empty|expected string/);
        assert.deepEqual(await fixture.store.quotaRequests({}), []);
      });

      it('posts an approval card with Approve, Deny and Adjust to each approver', async () => {
        const request = await requestByModal({ team: 'search', amount: '$50', reason: 'launch week' });
        assert.equal(request.status, 'pending');
        assert.equal(request.amount, 50 * USD);
        assert.equal(request.unit, 'usd');
        await waitForCards(request, 2);
        const cards = callsOf('chat.postMessage').filter((call) =>
          (call.body.blocks as any[] | undefined)?.some(
            (block) => block.type === 'actions' && block.elements[0].value === request.id,
          ),
        );
        assert.deepEqual(cards.map((call) => call.body.channel).sort(), ['U900', 'U901']);
        const card = cards[0]!.body.blocks as any[];
        const actions = card.find((block) => block.type === 'actions');
        assert.deepEqual(
          actions.elements.map((element: any) => element.action_id),
          ['quota_approve', 'quota_deny', 'quota_adjust'],
        );
        assert.match(JSON.stringify(card), /launch week/);
        assert.match(JSON.stringify(card), /\+\$50 /);
        assert.match(JSON.stringify(card), /Team search now: \$0 of \$100/);
        assert.deepEqual(slack.rejected, []);
      });

      it('sends cards to the members of an approving user group, and to an approving channel', async () => {
        const ads = await requestByModal({ team: 'ads', amount: '1M', reason: 'backfill' }, 'U200');
        assert.equal(ads.unit, 'tokens', 'a bare number takes the team budget’s unit');
        await waitForCards(ads, 2);
        assert.deepEqual(
          (await fixture.store.requestCards(ads.id)).map((card) => card.channel),
          ['D950', 'D951'],
        );
        const ml = await requestByModal({ team: 'ml', amount: '$5', reason: 'eval run' }, 'U300');
        await waitForCards(ml, 1);
        assert.deepEqual(
          (await fixture.store.requestCards(ml.id)).map((card) => card.channel),
          ['C0LEADS'],
        );
        // A channel member decides; a user group member decides its team's request.
        await click('U960', 'quota_approve', ml);
        await slack.waitFor(() => dmsAbout(ml).length === 1);
        await click('U951', 'quota_approve', ads);
        await slack.waitFor(() => dmsAbout(ads).length === 1);
        assert.equal((await fixture.store.quotaRequest(ads.id))?.decidedBy, 'U951');
      });

      it('takes inline arguments, and answers bad ones with what to fix', async () => {
        const { url } = await command('quota request $20 until 2026-11-25 conference demo');
        assert.match(JSON.stringify(await answerTo(url)), /went to the team's approvers/);
        const request = (await fixture.store.quotaRequests({ requester: 'U100' })).find(
          (r) => r.reason === 'conference demo',
        );
        assert.equal(request?.until, '2026-11-25');
        assert.equal(request?.expiresAt?.toISOString(), '2026-11-25T23:00:00.000Z', 'end of the day in Berlin');
        const bad = await command('quota request $20 team nowhere');
        const answer = await answerTo(bad.url);
        assert.match(answer.text, /team\*: there is no team "nowhere"/);
        assert.match(answer.text, /reason\*: please say why/);
      });
    });

    describe('deciding', () => {
      it('turns twenty concurrent Approve clicks into one decision, one grant, one update per card and one DM', async () => {
        const request = await requestByModal({ team: 'search', amount: '$40', reason: 'load test' });
        await waitForCards(request, 2);
        const grantsBefore = (await fixture.store.grantsInForce(clock, { subject: 'search' })).length;
        const urls = await Promise.all(
          Array.from({ length: 20 }, (_, i) => click(i % 2 ? 'U901' : 'U900', 'quota_approve', request)),
        );
        await slack.waitFor(() => dmsAbout(request).length >= 1);
        const paths = urls.map((url) => new URL(url).pathname);
        await slack.waitFor(() => slack.responses.filter((response) => paths.includes(response.path)).length >= 19);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const decided = await fixture.store.quotaRequest(request.id);
        assert.equal(decided?.status, 'approved');
        assert.equal((await fixture.store.grantsInForce(clock, { subject: 'search' })).length, grantsBefore + 1);
        assert.equal(
          (await fixture.store.auditTrail({ team: 'search' })).filter(
            (entry) => entry.requestId === request.id && entry.action === 'approved',
          ).length,
          1,
        );
        const updates = await updatesOf(request);
        assert.equal(updates.length, 2, 'each of the two cards updated once');
        assert.deepEqual(new Set(updates.map((update) => update.body.ts)).size, 2);
        assert.match(JSON.stringify(updates[0]!.body.blocks), new RegExp(`Approved\\* by <@${decided!.decidedBy}>`));
        assert.ok(
          !(updates[0]!.body.blocks as any[]).some((block) => block.type === 'actions'),
          'a decided card has no buttons',
        );
        assert.equal(dmsAbout(request).length, 1);
        const refusals = slack.responses.filter((response) => paths.includes(response.path));
        assert.equal(refusals.length, 19);
        for (const refusal of refusals) {
          assert.equal(refusal.body.response_type, 'ephemeral');
          assert.equal(refusal.body.replace_original, false);
          assert.match(refusal.body.text, /already approved/);
        }
      });

      it('refuses a non-approver’s click ephemerally and changes nothing', async () => {
        const request = await requestByModal({ team: 'search', amount: '$70', reason: 'mine' });
        await waitForCards(request, 2);
        const opened = callsOf('views.open').length;
        for (const action of ['quota_approve', 'quota_deny', 'quota_adjust']) {
          const url = await click('U101', action, request);
          const refusal = await answerTo(url);
          assert.equal(refusal.response_type, 'ephemeral');
          assert.match(refusal.text, /Only the approvers of team search/);
        }
        const forged = await submit(
          'U555',
          'quota_deny',
          { reason: { value: { type: 'plain_text_input', value: 'no' } } },
          request.id,
        );
        assert.match(forged?.errors.reason, /Only the approvers/);
        assert.equal(callsOf('views.open').length, opened);
        assert.equal((await fixture.store.quotaRequest(request.id))?.status, 'pending');
        assert.deepEqual(
          (await fixture.store.grantsInForce(clock, { subject: 'search' })).filter(
            (grant) => grant.requestId === request.id,
          ),
          [],
        );
        assert.deepEqual(await updatesOf(request), []);
        assert.deepEqual(dmsAbout(request), []);
      });

      it('does not let an approver decide their own request', async () => {
        const own = await requestByModal({ team: 'search', amount: '$15', reason: 'my own experiment' }, 'U900');
        await waitForCards(own, 2);
        const refusal = await answerTo(await click('U900', 'quota_approve', own));
        assert.match(refusal.text, /cannot decide your own request/);
        assert.equal((await fixture.store.quotaRequest(own.id))?.status, 'pending');
        const forged = await submit(
          'U900',
          'quota_adjust',
          { amount: { value: { type: 'plain_text_input', value: '$15' } } },
          own.id,
        );
        assert.match(forged?.errors.amount, /cannot decide your own request/);
        await click('U901', 'quota_approve', own);
        await slack.waitFor(() => dmsAbout(own).length === 1);
        assert.equal((await fixture.store.quotaRequest(own.id))?.decidedBy, 'U901');
      });

      it('denies with a reason asked for in a modal', async () => {
        const request = await requestByModal({ team: 'search', amount: '$500', reason: 'bigger model' });
        await waitForCards(request, 2);
        await click('U900', 'quota_deny', request);
        await slack.waitFor(() =>
          callsOf('views.open').some((call) => (call.body.view as any).private_metadata === request.id),
        );
        const modal = callsOf('views.open').find((call) => (call.body.view as any).private_metadata === request.id)!
          .body.view as any;
        assert.equal(modal.callback_id, 'quota_deny');
        const empty = await submit(
          'U900',
          'quota_deny',
          { reason: { value: { type: 'plain_text_input', value: '  ' } } },
          request.id,
        );
        assert.deepEqual(Object.keys(empty?.errors ?? {}), ['reason']);
        const ack = await submit(
          'U900',
          'quota_deny',
          { reason: { value: { type: 'plain_text_input', value: 'Use the batch API <first>' } } },
          request.id,
        );
        assert.equal(ack, undefined, 'the modal closes');
        const denied = await fixture.store.quotaRequest(request.id);
        assert.equal(denied?.status, 'denied');
        assert.equal(denied?.decisionReason, 'Use the batch API <first>');
        await slack.waitFor(() => dmsAbout(request).length === 1);
        const [update] = await updatesOf(request);
        assert.match(JSON.stringify(update!.body.blocks), /Denied\* by <@U900>/);
        assert.match(JSON.stringify(update!.body.blocks), /Use the batch API &lt;first&gt;/);
        assert.match(String(dmsAbout(request)[0]!.body.text), /was denied/);
        const late = await submit(
          'U901',
          'quota_deny',
          { reason: { value: { type: 'plain_text_input', value: 'me too' } } },
          request.id,
        );
        assert.match(late?.errors.reason, /already denied/);
        assert.deepEqual(
          (await fixture.store.grantsInForce(clock)).filter((grant) => grant.requestId === request.id),
          [],
        );
      });

      it('adjusts: approves another amount, in the request’s unit', async () => {
        const request = await requestByModal({ team: 'search', amount: '$80', reason: 'fine-tuning' });
        await waitForCards(request, 2);
        await click('U901', 'quota_adjust', request);
        await slack.waitFor(() =>
          callsOf('views.open').some((call) => (call.body.view as any).private_metadata === request.id),
        );
        const modal = callsOf('views.open').find((call) => (call.body.view as any).private_metadata === request.id)!
          .body.view as any;
        assert.equal(modal.blocks.find((block: any) => block.block_id === 'amount').element.initial_value, '$80');
        const amount = (value: string) => ({
          amount: { value: { type: 'plain_text_input', value } },
          reason: { value: { type: 'plain_text_input', value: 'half now' } },
        });
        assert.match((await submit('U901', 'quota_adjust', amount('lots'), request.id))?.errors.amount, /lots/);
        assert.match(
          (await submit('U901', 'quota_adjust', amount('2M tokens'), request.id))?.errors.amount,
          /in dollars/,
        );
        assert.equal(await submit('U901', 'quota_adjust', amount('$45'), request.id), undefined);
        const adjusted = await fixture.store.quotaRequest(request.id);
        assert.equal(adjusted?.status, 'adjusted');
        assert.equal(adjusted?.grantedAmount, 45 * USD);
        const grant = (await fixture.store.grantsInForce(clock)).find((g) => g.requestId === request.id);
        assert.equal(grant?.amount, 45 * USD);
        await slack.waitFor(() => dmsAbout(request, 45 * USD).length === 1);
        assert.deepEqual(dmsAbout(request), [], 'the DM names the amount granted, not the one asked for');
        assert.match(
          JSON.stringify((await updatesOf(request))[0]!.body.blocks),
          /Approved at \+\$45\* \(instead of \+\$80\) by <@U901>/,
        );
      });
    });

    describe('quota, budgets, history and export', () => {
      it('sets budgets for admins only, and shows the quota with grants until a temporary one expires by itself', async () => {
        const refused = await command('budget set team search $200 per month');
        assert.match(refused.ack?.text, /Only admins/);
        const bad = await command('budget set team search lots per month', 'UADMIN');
        assert.match(bad.ack?.text, /amount\*: Amount "lots"/);
        const set = await command('budget set team search $300 per month soft 50,90 hard 120', 'UADMIN');
        assert.match(set.ack?.text, /Team search: \$300 monthly, alerts at 50, 90%, hard cap at 120%/);
        await command('budget set <@U100|ada> 2M tokens per day hard off', 'UADMIN2');
        const budgets = await fixture.store.budgets();
        assert.deepEqual(
          budgets.map((b) => [b.scope, b.subject, b.unit, b.period, b.limit, b.thresholds, b.hardCapPercent, b.setBy]),
          [
            ['team', 'search', 'usd', 'month', 300 * USD, [50, 90], 120, 'UADMIN'],
            ['user', 'U100', 'tokens', 'day', 2_000_000, [50, 80, 100], null, 'UADMIN2'],
          ],
        );

        const ingest = await fetch(`${fixture.base}/v1/usage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify([
            {
              id: `q-${name}`,
              time: '2026-11-22T09:00:00Z',
              provider: 'openai',
              model: 'gpt-4o',
              inputTokens: 1000,
              outputTokens: 500,
              costNanos: 12 * USD,
              team: 'search',
              user: 'U100',
            },
          ]),
        });
        assert.equal(ingest.status, 200);

        // The temporary $20 (until 25 Nov, Berlin) from the inline request, approved now.
        const temporary = (await fixture.store.quotaRequests({ team: 'search', status: 'pending' })).find(
          (r) => r.until === '2026-11-25',
        )!;
        await click('U900', 'quota_approve', temporary);
        await slack.waitFor(() => dmsAbout(temporary).length === 1);
        const granted = (await fixture.store.grantsInForce(clock, { subject: 'search' })).reduce(
          (sum, grant) => sum + grant.amount,
          0,
        );

        const before = await answerTo((await command('quota')).url);
        const text = JSON.stringify(before.blocks);
        assert.ok(text.includes(`$12 of ${formatUsd(300 * USD + granted)} used`), text);
        assert.match(text, /\+\$20 until/);
        assert.match(text, /1,500 tokens of 2,000,000 tokens used/);

        clock = new Date('2026-11-25T23:00:00Z');
        const after = JSON.stringify((await answerTo((await command('quota')).url)).blocks);
        assert.ok(after.includes(`$12 of ${formatUsd(300 * USD + granted - 20 * USD)} used`), after);
        assert.doesNotMatch(after, /\+\$20 until/);
      });

      it('lists a team’s request history', async () => {
        const { url } = await command('quota history');
        const answer = await answerTo(url);
        const text = JSON.stringify(answer.blocks);
        assert.match(text, /Quota requests · team search/);
        assert.match(text, /denied by <@U900>/);
        assert.match(text, /adjusted by <@U901> to \+\$45/);
        assert.match(text, /pending/);
        const ads = JSON.stringify((await answerTo((await command('quota history ads', 'U900')).url)).blocks);
        assert.match(ads, /approved by <@U951>/);
        assert.doesNotMatch(ads, /launch week/);
      });

      it('shows the caller’s pending requests on App Home', async () => {
        const body = JSON.stringify({
          token: 'legacy',
          team_id: 'T0001',
          api_app_id: 'A0001',
          type: 'event_callback',
          event_id: `Ev${++sequence}`,
          event_time: Math.floor(Date.now() / 1000),
          event: { type: 'app_home_opened', user: 'U100', channel: 'D1', tab: 'home', event_ts: '1.0' },
        });
        const count = callsOf('views.publish').length;
        assert.equal(
          (await post(`${fixture.base}/slack/events`, signed(SECRET, body, 'application/json'))).status,
          200,
        );
        await slack.waitFor(() => callsOf('views.publish').length > count);
        const text = JSON.stringify(callsOf('views.publish').at(-1)!.body.view);
        assert.match(text, /Your pending quota requests/);
        assert.match(text, /\+\$70 for team search/);
      });

      it('exports the audit trail as CSV, bearer-authenticated and properly escaped', async () => {
        assert.equal((await fetch(`${fixture.base}/v1/quota/audit.csv`)).status, 401);
        await requestByModal({ team: 'ml', amount: '$1', reason: 'quotes "here", commas\nand =cmd' }, 'U300');
        const response = await fetch(`${fixture.base}/v1/quota/audit.csv?team=ml`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
        const csv = await response.text();
        const rows = parseCsv(csv);
        assert.deepEqual(rows[0], [
          'seq',
          'at',
          'action',
          'actor',
          'request_id',
          'scope',
          'subject',
          'unit',
          'amount',
          'period',
          'expires_at',
          'reason',
        ]);
        assert.deepEqual(
          rows.slice(1).map((row) => [row[2], row[3], row[6], row[8]]),
          [
            ['requested', 'U300', 'ml', String(5 * USD)],
            ['approved', 'U960', 'ml', String(5 * USD)],
            ['requested', 'U300', 'ml', String(USD)],
          ],
        );
        assert.equal(rows.at(-1)![11], 'quotes "here", commas\nand =cmd');
        assert.ok(csv.includes('"quotes ""here"", commas\nand =cmd"\r\n'));
        const all = parseCsv(
          await (
            await fetch(`${fixture.base}/v1/quota/audit.csv`, { headers: { authorization: `Bearer ${TOKEN}` } })
          ).text(),
        );
        assert.ok(
          all.some(
            (row) =>
              row[2] === 'budget-set' && row[3] === 'UADMIN' && row[8] === String(300 * USD) && row[9] === 'month',
          ),
        );
        assert.ok(all.some((row) => row[2] === 'denied' && row[11] === 'Use the batch API <first>'));
      });
    });

    describe('amounts and text typed by people', () => {
      const ACCEPTED = /\$500, \$1,250\.50 or 500 usd, and tokens as 2M tokens, 1\.5M tokens or 1,500,000 tokens/;
      const typed = (value: string) => ({ value: { type: 'plain_text_input', value } });

      it('refuses a decimal comma and a fraction of a token in /tokens budget set, and keeps thousands groups', async () => {
        const before = await fixture.store.budgets();
        for (const amount of ['1,5M tokens', '$1,5', '1.5 tokens', '0.5 tokens']) {
          const answer = await command(`budget set <@U777|eve> ${amount} per day`, 'UADMIN');
          assert.match(answer.ack?.text, /Budget not set/, amount);
          assert.match(answer.ack?.text, amount.includes(',') ? ACCEPTED : /tokens are whole/, amount);
        }
        assert.deepEqual(await fixture.store.budgets(), before, 'nothing stored');
        assert.match(
          (await command('budget set <@U777|eve> 1,500,000 tokens per day', 'UADMIN')).ack?.text,
          /1,500,000 tokens daily/,
        );
        assert.match(
          (await command('budget set <@U778|max> 1.5M tokens per day', 'UADMIN')).ack?.text,
          /1,500,000 tokens daily/,
        );
        assert.deepEqual(
          (await fixture.store.budgets())
            .filter((b) => b.subject === 'U777' || b.subject === 'U778')
            .map((b) => b.limit),
          [1_500_000, 1_500_000],
        );
      });

      it('refuses them in a request, from the modal or inline, and stores nothing', async () => {
        const count = (await fixture.store.quotaRequests({ limit: 1000 })).length;
        const comma = await submit(
          'U200',
          'quota_request',
          stateValues({ team: 'ads', amount: '1,5M', duration: 'permanent', reason: 'x' }),
        );
        assert.match(comma?.errors.amount, ACCEPTED);
        const half = await submit(
          'U200',
          'quota_request',
          stateValues({ team: 'ads', amount: '0.5', duration: 'permanent', reason: 'x' }),
        );
        assert.match(half?.errors.amount, /tokens are whole/);
        const inline = await command('quota request 1.5 tokens team ads one and a half', 'U200');
        assert.match((await answerTo(inline.url)).text, /amount\*: Amount "1.5 tokens": tokens are whole/);
        const dollars = await command('quota request $1,5 team search a dollar fifty');
        assert.match((await answerTo(dollars.url)).text, ACCEPTED);
        assert.equal((await fixture.store.quotaRequests({ limit: 1000 })).length, count);
      });

      it('refuses them in Adjust, and the requester’s DM names the amount granted', async () => {
        const request = await requestByModal({ team: 'ads', amount: '2M', reason: 'reindex' }, 'U200');
        await waitForCards(request, 2);
        const adjust = (value: string) => submit('U950', 'quota_adjust', { amount: typed(value) }, request.id);
        assert.match((await adjust('1,5M'))?.errors.amount, ACCEPTED);
        assert.match((await adjust('1.5'))?.errors.amount, /tokens are whole/);
        assert.equal((await fixture.store.quotaRequest(request.id))?.status, 'pending');
        assert.equal(await adjust('1.5M'), undefined);
        assert.equal((await fixture.store.quotaRequest(request.id))?.grantedAmount, 1_500_000);
        await slack.waitFor(() => dmsAbout(request, 1_500_000).length === 1);
        const [dm] = dmsAbout(request, 1_500_000);
        assert.equal(dm!.body.text, 'Your quota request for team ads (+1,500,000 tokens) was approved.');
        assert.deepEqual(dmsAbout(request), []);
      });

      it('keeps a reason verbatim in the card, the history and the CSV, escaped as each needs', async () => {
        // Slack sends a command's &, < and > escaped; the reason is the rest of the text as typed.
        const reason = '"quoted"  *not bold*   _nor italic_ & <not a link> :no_emoji:\n  -indented';
        const escaped = reason.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        const known = new Set((await fixture.store.quotaRequests({ team: 'ml', limit: 1000 })).map((r) => r.id));
        assert.match(
          (await answerTo((await command(`quota request $3 team ml ${escaped}`, 'U300')).url)).text,
          /went to the team's approvers/,
        );
        const [request] = (await fixture.store.quotaRequests({ team: 'ml', limit: 1000 })).filter(
          (r) => !known.has(r.id),
        );
        assert.ok(request);
        assert.equal(request.reason, reason);
        await waitForCards(request, 1);
        const card = callsOf('chat.postMessage', 'C0LEADS').find((call) =>
          (call.body.blocks as any[]).some(
            (block) => block.type === 'actions' && block.elements[0].value === request.id,
          ),
        )!;
        assert.ok(
          (card.body.blocks as any[]).some(
            (block) =>
              block.type === 'section' &&
              block.text?.type === 'plain_text' &&
              block.text.text === reason &&
              block.text.emoji === false,
          ),
          'the reason as plain text',
        );

        const formula = await requestByModal(
          { team: 'ml', amount: '$2', reason: '=HYPERLINK("http://evil.example","click")' },
          'U300',
        );
        const history = await answerTo((await command('quota history ml', 'U300')).url);
        assert.deepEqual(slack.rejected, []);
        const reasons = (history.blocks as any[])
          .filter((block) => block.type === 'context')
          .map((block) => block.elements[0]);
        for (const text of [formula.reason, reason])
          assert.ok(
            reasons.some(
              (element) => element.type === 'plain_text' && element.text === text && element.emoji === false,
            ),
            text,
          );

        const rows = parseCsv(
          await (
            await fetch(`${fixture.base}/v1/quota/audit.csv?team=ml`, { headers: { authorization: `Bearer ${TOKEN}` } })
          ).text(),
        );
        const byRequest = (id: string) => rows.find((row) => row[4] === id && row[2] === 'requested')![11];
        assert.equal(byRequest(request.id), reason, 'a leading space or dash inside the text is not a formula');
        assert.equal(byRequest(formula.id), `'${formula.reason}`, 'a leading = is neutralised for spreadsheets');
      });
    });
  });
}

/** RFC 4180 parsing, enough to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}
