import { strict as assert } from 'node:assert';
import { auditText, diffAudits, newFindingsAtOrAbove, textSimilarity, type PromptChange } from '../../core';

const header = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const triage = (options: { model?: string; cap?: string; text?: string; name?: string; volume?: string } = {}) =>
  `${header}\nexport async function ${options.name ?? 'triageTicket'}(ticket: string) {\n  ${options.volume ?? ''}\n  return openai.chat.completions.create({\n    model: '${options.model ?? 'gpt-4o-mini'}',\n    ${options.cap ?? 'max_tokens: 300,'}\n    messages: [{ role: 'system', content: '${options.text ?? 'You sort support tickets into billing, bug, feature or other. Answer with the label only.'}' }, { role: 'user', content: \`Ticket: \${ticket}\` }],\n  });\n}\n`;
const summarize = `export const summarize = (text: string) =>\n  openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 200, messages: [{ role: 'user', content: \`Summarize this thread in three sentences for the on-call engineer: \${text}\` }] });\n`;

const audit = (files: Record<string, string>) => Object.entries(files).map(([file, text]) => auditText(text, file));
const kinds = (changes: PromptChange[]) => changes.map((change) => change.kind);

describe('diffAudits', () => {
  it('reports nothing for identical states, and counts the unchanged prompts', () => {
    const files = { 'src/triage.ts': triage() + summarize };
    const result = diffAudits(audit(files), audit(files));
    assert.deepEqual(result.prompts, []);
    assert.equal(result.totals.unchanged, 2);
    assert.equal(result.totals.change, 0);
  });

  it('classifies a model swap and a removed output cap, with costs before → after', () => {
    const result = diffAudits(
      audit({ 'src/triage.ts': triage() }),
      audit({ 'src/triage.ts': triage({ model: 'gpt-4o', cap: '' }) }),
    );
    assert.equal(result.prompts.length, 1);
    const [diff] = result.prompts;
    assert.equal(diff!.status, 'changed');
    assert.equal(diff!.promptId, 'src/triage.ts#triageTicket');
    assert.deepEqual(
      diff!.changes.find((c) => c.kind === 'model'),
      { kind: 'model', from: 'gpt-4o-mini', to: 'gpt-4o', fromAssumed: false, toAssumed: false },
    );
    assert.deepEqual(
      diff!.changes.find((c) => c.kind === 'output-cap'),
      { kind: 'output-cap', from: 300, to: undefined },
    );
    assert.ok(kinds(diff!.changes).includes('new-findings'), 'no-output-cap is new');
    assert.ok(diff!.newFindings.some((finding) => finding.ruleId === 'no-output-cap'));
    assert.equal(diff!.monthlyChange, diff!.head!.perMonth! - diff!.base!.perMonth!);
    assert.equal(result.totals.change, diff!.monthlyChange);
    assert.ok(result.totals.percent! > 100);
    const warnings = diff!.newFindings.filter((finding) => finding.severity !== 'info').length;
    assert.ok(warnings >= 1);
    assert.equal(newFindingsAtOrAbove(result, 'warning'), warnings);
    assert.equal(
      newFindingsAtOrAbove(result, 'error'),
      diff!.newFindings.filter((finding) => finding.severity === 'error').length,
    );
  });

  it('matches a prompt whose lines moved and text grew as one change, not a removal and an addition', () => {
    const before = audit({ 'src/triage.ts': triage() + summarize });
    const grown =
      'You sort support tickets into billing, bug, feature or other. Answer with the label only, then give one sentence of reasoning.';
    const after = audit({ 'src/triage.ts': `// moved down\n\n\n${triage({ text: grown })}${summarize}` });
    const result = diffAudits(before, after);
    assert.equal(result.prompts.length, 1);
    assert.deepEqual(kinds(result.prompts[0]!.changes), ['text']);
    const text = result.prompts[0]!.changes[0] as Extract<PromptChange, { kind: 'text' }>;
    assert.ok(text.toTokens > text.fromTokens);
    assert.equal(result.totals.unchanged, 1);
  });

  it('follows a renamed file (by the renames given) and a renamed function (by text similarity)', () => {
    const base = audit({ 'src/triage.ts': triage() });
    const renamedFile = diffAudits(base, audit({ 'src/support/triage.ts': triage() }), {
      renames: new Map([['src/triage.ts', 'src/support/triage.ts']]),
    });
    assert.equal(renamedFile.prompts.length, 1);
    assert.deepEqual(renamedFile.prompts[0]!.changes, [
      { kind: 'moved', fromId: 'src/triage.ts#triageTicket', toId: 'src/support/triage.ts#triageTicket' },
    ]);
    assert.equal(renamedFile.prompts[0]!.monthlyChange, 0);

    const renamedFunction = diffAudits(base, audit({ 'src/triage.ts': triage({ name: 'labelTicket' }) }));
    assert.equal(renamedFunction.prompts.length, 1);
    assert.equal(renamedFunction.prompts[0]!.status, 'changed');
    assert.equal(renamedFunction.prompts[0]!.match?.by, 'similarity');
  });

  it('reports a different prompt in place of another as a removal plus an addition', () => {
    const other = 'Translate the customer message into English, keeping product names and numbers unchanged.';
    const result = diffAudits(
      audit({ 'src/triage.ts': triage() }),
      audit({ 'src/triage.ts': triage({ name: 'translate', text: other }) }),
    );
    assert.deepEqual(result.prompts.map((diff) => diff.status).sort(), ['added', 'removed']);
    assert.equal(result.totals.added, 1);
    assert.equal(result.totals.removed, 1);
  });

  it('sorts by monthly impact and says which volume source applied', () => {
    const result = diffAudits(
      audit({ 'src/triage.ts': triage() }),
      audit({
        'src/triage.ts': triage({ volume: '// tokenwise-volume: 50,000/day' }),
        'src/summarize.ts': header + summarize,
      }),
    );
    assert.deepEqual(
      result.prompts.map((diff) => diff.status),
      ['changed', 'added'],
    );
    assert.ok(Math.abs(result.prompts[0]!.monthlyChange) >= Math.abs(result.prompts[1]!.monthlyChange));
    assert.deepEqual(result.prompts[0]!.changes, [{ kind: 'volume', from: 1000, to: 50_000 }]);
    assert.deepEqual(result.volumeSources, { annotation: 1, 'policy-default': 1 });
  });

  it('leaves a prompt without a price on one side out of the totals instead of counting its whole cost as a change', () => {
    const result = diffAudits(
      audit({ 'src/triage.ts': triage({ model: 'artifact-model' }) }),
      audit({ 'src/triage.ts': triage({ model: 'gpt-4o' }) }),
    );
    const [diff] = result.prompts;
    assert.equal(diff!.unpriced, true);
    assert.equal(diff!.monthlyChange, 0);
    assert.deepEqual(diff!.changes[0], {
      kind: 'model',
      from: 'artifact-model',
      to: 'gpt-4o',
      fromAssumed: false,
      toAssumed: false,
    });
    assert.deepEqual(
      [result.totals.baseMonthly, result.totals.headMonthly, result.totals.change, result.totals.unpriced],
      [0, 0, 0, 1],
    );
  });

  it('measures text similarity on normalised whitespace, and skips clearly different texts cheaply', () => {
    assert.equal(textSimilarity('a  b\nc', 'a b c'), 1);
    assert.ok(textSimilarity('Summarize the thread.', 'Summarise the thread.') > 0.9);
    assert.equal(
      textSimilarity('Summarize the thread for the engineer.', 'Translate into French, keep names.', 0.6),
      0,
    );
  });
});
