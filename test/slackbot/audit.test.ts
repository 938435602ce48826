import { strict as assert } from 'node:assert';
import { parsePolicy } from '../../core';
import { auditCsv, csvField } from '../../slackbot/http/audit';
import { testBot, TOKEN } from './support/testBot';

describe('audit CSV', () => {
  it('quotes fields with commas, quotes, line breaks or edge spaces, and doubles quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(' padded'), '" padded"');
    assert.equal(csvField(42), '42');
    assert.equal(csvField(null), '');
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  });

  it('writes a header and CRLF-terminated rows', () => {
    const csv = auditCsv([
      {
        seq: 1,
        at: new Date('2026-11-22T12:00:00Z'),
        action: 'requested',
        actor: 'U1',
        requestId: 'r1',
        scope: 'team',
        subject: 'search',
        unit: 'usd',
        amount: 5,
        period: null,
        expiresAt: null,
        reason: 'why, then',
      },
    ]);
    assert.equal(
      csv,
      'seq,at,action,actor,request_id,scope,subject,unit,amount,period,expires_at,reason\r\n1,2026-11-22T12:00:00.000Z,requested,U1,r1,team,search,usd,5,,,"why, then"\r\n',
    );
  });
});

describe('audit CSV export with its own token', function () {
  this.timeout(20_000);
  const AUDIT_TOKEN = 'audit-token-0123456789';
  const fixture = testBot({
    policy: parsePolicy(JSON.stringify({ timeZone: 'Europe/Berlin' }), 'tokenwise.config.json'),
    now: () => new Date('2026-11-22T12:00:00Z'),
    env: () => ({ AUDIT_TOKEN }),
  });
  const status = async (path: string, token: string) =>
    (await fetch(`${fixture.base}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('takes only AUDIT_TOKEN, not the ingest token that gateways hold', async () => {
    assert.equal(await status('/v1/quota/audit.csv', TOKEN), 401);
    assert.equal(await status('/v1/quota/audit.csv', AUDIT_TOKEN), 200);
  });

  it('leaves the ingest token for ingest and the quota check', async () => {
    assert.equal(await status('/v1/quota/check?team=search', AUDIT_TOKEN), 401);
    assert.equal(await status('/v1/quota/check?team=search', TOKEN), 200);
  });
});
