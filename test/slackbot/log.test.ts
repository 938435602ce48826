import { strict as assert } from 'node:assert';
import { boltLogger, createLog } from '../../slackbot/log';

describe('bot log', () => {
  it('writes one JSON object per line and never a credential', () => {
    const lines: string[] = [];
    const log = createLog('info', (line) => lines.push(line));
    log.debug('hidden');
    log.info('pull', {
      source: 'openai',
      config: { adminKey: 'sk-admin-secret', botToken: 'xoxb-secret', nested: { authorization: 'Bearer x' } },
    });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.level, 'info');
    assert.equal(entry.msg, 'pull');
    assert.equal(entry.source, 'openai');
    assert.doesNotMatch(lines[0]!, /sk-admin-secret|xoxb-secret|Bearer x/);
  });

  it('gives Bolt the same structured, redacted log', () => {
    const lines: string[] = [];
    const bolt = boltLogger(
      createLog('debug', (line) => lines.push(line)),
      'debug',
    );
    bolt.error('request failed', { headers: { authorization: 'Bearer xoxb-leak' }, signingSecret: 'shh-secret' });
    const entry = JSON.parse(lines[0]!);
    assert.deepEqual([entry.level, entry.source], ['error', 'bolt']);
    assert.match(entry.msg, /request failed/);
    assert.doesNotMatch(lines[0]!, /xoxb-leak|shh-secret/);
  });
});
