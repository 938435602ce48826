import { strict as assert } from 'node:assert';
import { createLog } from '../../slackbot/log';

describe('bot log', () => {
  it('writes one JSON object per line and never a credential', () => {
    const lines: string[] = [];
    const log = createLog('info', (line) => lines.push(line));
    log.debug('hidden');
    log.info('pull', { source: 'openai', config: { adminKey: 'sk-admin-secret', botToken: 'xoxb-secret', nested: { authorization: 'Bearer x' } } });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.level, 'info');
    assert.equal(entry.msg, 'pull');
    assert.equal(entry.source, 'openai');
    assert.doesNotMatch(lines[0]!, /sk-admin-secret|xoxb-secret|Bearer x/);
  });
});
