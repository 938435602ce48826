// The Slack API double the bot's tests rely on must refuse what Slack refuses, or a test passing proves nothing.
import { strict as assert } from 'node:assert';
import { blockKitProblems, SlackApiDouble } from './support/slackApi';

const section = (length: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(length) } });
const header = (length: number) => ({ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(length) } });

describe('Slack API double', () => {
  it('accepts messages at the Block Kit limits and names each limit broken', () => {
    assert.deepEqual(
      blockKitProblems([header(150), section(3000), ...Array.from({ length: 48 }, () => ({ type: 'divider' }))], 50),
      [],
    );
    assert.match(
      blockKitProblems(
        Array.from({ length: 51 }, () => ({ type: 'divider' })),
        50,
      ).join(),
      /51 blocks, over 50/,
    );
    assert.match(blockKitProblems([section(3001)], 50).join(), /text must be 1…3000/);
    assert.match(blockKitProblems([section(0)], 50).join(), /text must be 1…3000/);
    assert.match(blockKitProblems([header(151)], 50).join(), /header text must be plain_text ≤ 150/);
    assert.match(blockKitProblems([{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], 50).join(), /plain_text/);
    assert.match(
      blockKitProblems(
        [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }],
        50,
      ).join(),
      /at most 10/,
    );
    assert.match(
      blockKitProblems([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }], 50).join(),
      /≤ 2000/,
    );
    assert.match(blockKitProblems([{ type: 'context', elements: [] }], 50).join(), /1…10 elements/);
    const button = { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } };
    assert.match(blockKitProblems([{ type: 'actions', elements: [button] }], 50).join(), /button text over 75/);
    assert.match(blockKitProblems([{ type: 'divider', block_id: 'b'.repeat(256) }], 50).join(), /block_id over 255/);
  });

  describe('over HTTP', () => {
    const slack = new SlackApiDouble();
    before(() => slack.start());
    after(() => slack.stop());

    const call = async (path: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${slack.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: string } };
    };

    it('rejects a message, a view and a response_url post that break the limits, as invalid_blocks', async () => {
      const message = await call('/api/chat.postMessage', {
        channel: 'C1',
        text: 't',
        blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })),
      });
      assert.deepEqual([message.body.ok, message.body.error], [false, 'invalid_blocks']);
      const view = await call('/api/views.publish', { user_id: 'U1', view: { type: 'home', blocks: [header(151)] } });
      assert.deepEqual([view.body.ok, view.body.error], [false, 'invalid_blocks']);
      const response = await call('/response/too-long', { text: 't', blocks: [section(3001)] });
      assert.equal(response.status, 400);
      assert.deepEqual(slack.responses, [], 'a refused response_url post is not recorded as an answer');
      assert.deepEqual(
        slack.rejected.map((rejection) => rejection.method),
        ['chat.postMessage', 'views.publish', '/response/too-long'],
      );
    });

    it('takes a view of up to 100 blocks and a message within the limits', async () => {
      assert.equal(
        (
          await call('/api/views.publish', {
            user_id: 'U1',
            view: { type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) },
          })
        ).body.ok,
        true,
      );
      assert.equal(
        (await call('/api/chat.postMessage', { channel: 'C1', text: 't', blocks: [header(150), section(3000)] })).body
          .ok,
        true,
      );
      assert.equal((await call('/response/fine', { text: 't', blocks: [section(3000)] })).status, 200);
    });
  });
});
