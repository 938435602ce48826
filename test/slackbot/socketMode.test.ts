// The bot in Socket Mode: it opens its connection through apps.connections.open on the local Slack API double, takes
// envelopes over a real WebSocket, acknowledges each, and answers through response_url as in HTTP mode.
import { strict as assert } from 'node:assert';
import { parsePolicy } from '../../core';
import { SocketModeDouble } from './support/socketMode';
import { testBot } from './support/testBot';

const policy = parsePolicy(
  JSON.stringify({ timeZone: 'Europe/Berlin', teams: { search: { members: ['U100'], approvers: ['U900'] } } }),
  'tokenwise.config.json',
);

describe('Slack bot in Socket Mode', function () {
  this.timeout(20_000);
  const socket = new SocketModeDouble();
  const fixture = testBot({
    policy,
    now: () => new Date('2026-11-22T12:00:00Z'),
    doubles: [socket],
    // No signing secret: Socket Mode needs only the app-level token.
    env: () => ({ SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: undefined }),
    beforeStart: () => {
      slack.socketUrl = socket.url;
    },
  });
  const { slack } = fixture;

  const slashCommand = (id: string, text: string) =>
    socket.send({
      envelope_id: id,
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'legacy',
        team_id: 'T0001',
        channel_id: 'C0001',
        command: '/tokens',
        text,
        user_id: 'U100',
        user_name: 'ada',
        api_app_id: 'A0001',
        trigger_id: '1.2.3',
        response_url: slack.responseUrl(id),
      },
    });

  const ackOf = async (id: string) => {
    await slack.waitFor(() => socket.acks.some((ack) => ack.envelope_id === id));
    return socket.acks.find((ack) => ack.envelope_id === id)!;
  };

  it('connects with the app-level token through apps.connections.open, and serves no /slack/events', async () => {
    assert.ok(slack.calls.some((call) => call.method === 'apps.connections.open'));
    assert.equal(socket.connections, 1);
    const response = await fetch(`${fixture.base}/slack/events`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 404);
  });

  it('acknowledges /tokens help over the socket with the usage message', async () => {
    slashCommand('env-help', 'help');
    const ack = await ackOf('env-help');
    assert.equal(ack.payload?.response_type, 'ephemeral');
    assert.match(String(ack.payload?.text), /tokens spend/);
  });

  it('acknowledges /tokens spend at once and answers through response_url', async () => {
    slashCommand('env-spend', 'spend 7d');
    await ackOf('env-spend');
    await slack.waitFor(() => slack.responses.some((response) => response.path === '/response/env-spend'));
    const answer = slack.responses.find((response) => response.path === '/response/env-spend')!.body;
    assert.equal(answer.response_type, 'ephemeral');
    assert.match(JSON.stringify(answer.blocks), /Spend · Organisation/);
    assert.deepEqual(slack.rejected, []);
  });
});
