import { strict as assert } from 'node:assert';
import { auditCsv, csvField } from '../../slackbot/http/audit';

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
      { seq: 1, at: new Date('2026-11-22T12:00:00Z'), action: 'requested', actor: 'U1', requestId: 'r1', scope: 'team', subject: 'search', unit: 'usd', amount: 5, period: null, expiresAt: null, reason: 'why, then' },
    ]);
    assert.equal(csv, 'seq,at,action,actor,request_id,scope,subject,unit,amount,period,expires_at,reason\r\n1,2026-11-22T12:00:00.000Z,requested,U1,r1,team,search,usd,5,,,"why, then"\r\n');
  });
});
