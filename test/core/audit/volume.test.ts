import { strict as assert } from 'node:assert';
import { auditText, parsePolicy } from '../../../core';

const call = (comment: string) =>
  `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport function triage(ticket: string) {\n  ${comment}\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: \`Label this ticket: \${ticket}\` }] });\n}\n`;

const volumeOf = (source: string, file = 'src/triage.ts', options = {}) => {
  const [report] = auditText(source, file, options).prompts;
  assert.ok(report, 'no prompt found');
  return { callsPerDay: report.callsPerDay, source: report.volumeSource, perMonth: report.cost?.perMonth };
};

describe('prompt volumes', () => {
  it('reads a tokenwise-volume annotation above the call, in the forms people write', () => {
    for (const [comment, expected] of [
      ['// tokenwise-volume: 20,000/day', 20_000],
      ['// tokenwise-volume about 20,000 a day', 20_000],
      ['// tokenwise-volume: 20k calls per day', 20_000],
      ['/* tokenwise-volume: 500/hour */', 12_000],
      ['// tokenwise-volume: 1.5M/month', 50_000],
      ['// tokenwise-volume: 70 per week', 10],
    ] as const) {
      assert.deepEqual(volumeOf(call(comment)).callsPerDay, expected, comment);
      assert.equal(volumeOf(call(comment)).source, 'annotation', comment);
    }
  });

  it('ignores an annotation that is not next to the prompt', () => {
    const far = `// tokenwise-volume: 20,000/day\n\n\n${call('')}`;
    assert.deepEqual(volumeOf(far), { ...volumeOf(far), callsPerDay: 1000, source: 'policy-default' });
  });

  it('reads a prompt file annotation anywhere in it, e.g. in its front matter', () => {
    const file = '---\nmodel: gpt-4o\n# tokenwise-volume: 3,000/day\n---\nAnswer the ticket kindly: {{ticket}}\n';
    assert.equal(volumeOf(file, 'prompts/reply.prompt').callsPerDay, 3000);
  });

  it('prefers observed, then annotation, then the policy, then the policy default', () => {
    const policy = parsePolicy(
      'defaultCallsPerDay: 100\nvolumes:\n  - glob: "src/**"\n    callsPerDay: 700\n',
      'tokenwise.config.yaml',
    );
    const annotated = call('// tokenwise-volume: 20,000/day');
    const plain = call('');
    const observed = { callsPerDay: (id: string) => (id === 'src/triage.ts#triage' ? 42 : undefined) };
    assert.deepEqual(volumeOf(annotated, 'src/triage.ts', { policy, volumes: observed }).source, 'observed');
    assert.equal(volumeOf(annotated, 'src/triage.ts', { policy, volumes: observed }).callsPerDay, 42);
    assert.equal(volumeOf(annotated, 'src/triage.ts', { policy }).source, 'annotation');
    assert.deepEqual(volumeOf(plain, 'src/triage.ts', { policy }).callsPerDay, 700);
    assert.deepEqual(
      [volumeOf(plain, 'lib/triage.ts', { policy }).callsPerDay, volumeOf(plain, 'lib/triage.ts', { policy }).source],
      [100, 'policy-default'],
    );
  });

  it('costs the month at the volume it reports', () => {
    const low = volumeOf(call('// tokenwise-volume: 1,000/day'));
    const high = volumeOf(call('// tokenwise-volume: 10,000/day'));
    assert.ok(low.perMonth! > 0);
    assert.ok(Math.abs(high.perMonth! - 10 * low.perMonth!) <= 10, `${high.perMonth} vs 10 × ${low.perMonth}`);
  });
});
