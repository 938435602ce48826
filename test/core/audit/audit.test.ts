import { strict as assert } from 'node:assert';
import { auditText, parsePolicy, severityPenalty, summarize, wastePenalty } from '../../../core';
import { audit, findingsOf } from './fixture';

const secret = 'sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000';

describe('audit', () => {
  describe('inline suppression', () => {
    it('silences the named rule on the next line, in TypeScript, Python and template comments', () => {
      for (const [comment, fileName] of [
        ['// tokenwise-disable-next-line secret-in-prompt', 'src/app.ts'],
        ['# tokenwise-disable-next-line secret-in-prompt, personal-data', 'app.py'],
        ['{# tokenwise-disable-next-line secret-in-prompt #}', 'prompts/a.j2'],
        ['{{! tokenwise-disable-next-line secret-in-prompt }}', 'prompts/a.prompt'],
        ['{% comment %}tokenwise-disable-next-line secret-in-prompt{% endcomment %}', 'prompts/a.liquid'],
      ] as const) {
        const text = `Use ${secret} for the call.`;
        const source = `${comment}\nprompt = "${text}"\n`;
        const result = audit(source, { parts: [{ text }] }, {}, fileName);
        assert.deepEqual(findingsOf(result, 'secret-in-prompt'), [], comment);
      }
    });

    it('covers a prompt that starts on the next line even when the finding is further down', () => {
      const text = `First line.\nUse ${secret} for the call.`;
      const source = `// tokenwise-disable-next-line secret-in-prompt\nconst prompt = \`${text}\`;\n`;
      assert.deepEqual(findingsOf(audit(source, { parts: [{ text }] }), 'secret-in-prompt'), []);
    });

    it('leaves other rules and other lines alone', () => {
      const text = `Use ${secret} for the call.`;
      const other = `// tokenwise-disable-next-line personal-data\nconst prompt = "${text}";\n`;
      assert.equal(findingsOf(audit(other, { parts: [{ text }] }), 'secret-in-prompt').length, 1);
      const far = `// tokenwise-disable-next-line secret-in-prompt\n\nconst prompt = "${text}";\n`;
      assert.equal(findingsOf(audit(far, { parts: [{ text }] }), 'secret-in-prompt').length, 1);
    });

    it('silences a rule for a whole prompt file from its YAML front matter, leaving the others', () => {
      const source = `---\nmodel: gpt-4o\n# tokenwise-disable-file secret-in-prompt\n---\nsystem:\nUse ${secret} and write to ada@acme-corp.io.\n`;
      const result = auditText(source, 'prompts/a.prompty');
      assert.deepEqual(findingsOf(result, 'secret-in-prompt'), []);
      assert.equal(findingsOf(result, 'personal-data').length, 1);
    });

    it('silences a rule for the whole file, or every rule with no id', () => {
      const text = `Use ${secret} for the call.`;
      const file = `/* tokenwise-disable-file secret-in-prompt */\n\n\nconst prompt = "${text}";\n`;
      assert.deepEqual(findingsOf(audit(file, { parts: [{ text }] }), 'secret-in-prompt'), []);
      const all = `// tokenwise-disable-next-line\nconst prompt = "${text}";\n`;
      assert.deepEqual(audit(all, { parts: [{ text }] }).findings, []);
    });
  });

  describe('policy rule settings', () => {
    const text = `Use ${secret} for the call.`;
    const source = `const prompt = "${text}";`;

    it('turns a rule off', () => {
      const policy = parsePolicy('rules:\n  secret-in-prompt: "off"\n', 'tokenwise.config.yaml');
      assert.deepEqual(findingsOf(audit(source, { parts: [{ text }] }, { policy }), 'secret-in-prompt'), []);
    });

    it('re-levels a rule', () => {
      const policy = parsePolicy('rules:\n  secret-in-prompt: warning\n', 'tokenwise.config.yaml');
      assert.equal(
        findingsOf(audit(source, { parts: [{ text }] }, { policy }), 'secret-in-prompt')[0]?.severity,
        'warning',
      );
    });
  });

  describe('efficiency score', () => {
    it('is 100 for a clean prompt', () => {
      const text = 'Classify the ticket as billing, bug or other.';
      const [report] = audit(`const prompt = "${text}";`, { parts: [{ text }] }).prompts;
      assert.equal(report!.score, 100);
      assert.deepEqual(report!.scoreReasons, []);
    });

    it('deducts once per rule by its worst severity, plus the share of wasted tokens', () => {
      const text = `Use ${secret} now.      \n\n\n\n\n\n\nUse sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE1111 later.   \n`;
      const [report] = audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }).prompts;
      const waste = report!.findings.find((f) => f.ruleId === 'whitespace-waste')!;
      const share = waste.tokens! / report!.tokens.tokens;
      const expected = 100 - severityPenalty.error - severityPenalty.info - Math.round(wastePenalty * share);
      assert.equal(report!.score, expected);
      assert.equal(report!.scoreReasons.length, 3);
      assert.match(report!.scoreReasons[0]!, /secret-in-prompt \(error\)/);
    });
  });

  describe('reports', () => {
    it('costs each prompt at the policy volume and output assumption', () => {
      const policy = parsePolicy('defaultCallsPerDay: 2000\ndefaultOutputTokens: 300\n', 'tokenwise.config.yaml');
      const text = 'Classify the ticket as billing, bug or other.';
      const [report] = audit(`const prompt = "${text}";`, { parts: [{ text }] }, { policy, model: 'gpt-4o' }).prompts;
      assert.equal(report!.model, 'gpt-4o');
      assert.equal(report!.callsPerDay, 2000);
      assert.equal(report!.outputTokens, 300);
      assert.equal(report!.cost!.perDay, report!.cost!.perCall * 2000);
    });

    it('adds variable estimates to the token count', () => {
      const text = 'Summarise: ${ticket}';
      const [report] = audit(`const prompt = \`${text}\`;`, {
        parts: [{ text, variables: [{ name: 'ticket', tokens: 300 }] }],
      }).prompts;
      assert.ok(report!.tokens.tokens > 300 && report!.tokens.tokens < 310);
    });

    it('turns an unknown model into a notice, not an error', () => {
      const text = 'Classify the ticket.';
      const result = audit(`const prompt = "${text}";`, { parts: [{ text }] }, { model: 'in-house-llm-7b' });
      assert.equal(result.prompts[0]!.cost, undefined);
      assert.ok(result.notices.some((notice) => /in-house-llm-7b/.test(notice)));
    });

    it('summarises findings, cost and scores across files', () => {
      const text = `Use ${secret} for the call.`;
      const a = audit(`const prompt = "${text}";`, { parts: [{ text }] });
      const b = audit('const prompt = "Classify the ticket.";', { parts: [{ text: 'Classify the ticket.' }] });
      const summary = summarize([a, b]);
      assert.equal(summary.files, 2);
      assert.equal(summary.prompts, 2);
      assert.equal(summary.findings.error, 1);
      assert.equal(summary.byRule['secret-in-prompt'], 1);
      assert.equal(summary.costPerMonth, a.prompts[0]!.cost!.perMonth + b.prompts[0]!.cost!.perMonth);
    });
  });

  describe('auditText on real source', () => {
    it('extracts and audits a TypeScript call end to end', () => {
      const source = [
        "import OpenAI from 'openai';",
        'const openai = new OpenAI();',
        'export async function triage(ticket: string) {',
        '  return openai.chat.completions.create({',
        "    model: 'gpt-4o',",
        '    messages: [',
        `      { role: 'system', content: 'Classify the ticket as billing, bug or other. Never reveal ${secret}.' },`,
        "      { role: 'user', content: ticket },",
        '    ],',
        '  });',
        '}',
      ].join('\n');
      const result = auditText(source, 'src/triage.ts');
      assert.equal(result.prompts.length, 1);
      const ids = result.findings.map((f) => f.ruleId);
      assert.ok(ids.includes('secret-in-prompt'), ids.join());
      assert.ok(ids.includes('no-output-cap'), ids.join());
      const secretFinding = result.findings.find((f) => f.ruleId === 'secret-in-prompt')!;
      assert.equal(source.slice(secretFinding.range.start, secretFinding.range.end), secret);
    });

    it('returns no prompts and no findings for a file without prompts', () => {
      const result = auditText('export const answer = 42;\n', 'src/answer.ts');
      assert.deepEqual(result, { file: 'src/answer.ts', prompts: [], findings: [], notices: [] });
    });
  });
  describe('models whose tokenizers count a prompt differently', () => {
    // Claude models from Opus 4.7 on count text with a newer tokenizer than Claude Haiku 4.5 does.
    const summarise = (model: string) => `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function summarise(ticket: string) {
  return anthropic.messages.create({
    model: '${model}',
    max_tokens: 200,
    messages: [{ role: 'user', content: \`Summarise this support ticket in two sentences for the on-call engineer. Name the product and the error.\\n\\n\${ticket}\` }],
  });
}
`;
    const reportOn = (model: string) => auditText(summarise(model), 'src/summarise.ts').prompts[0]!;

    it('prices a recommended model at its own count of the prompt, the count and cost an audit on it gives', () => {
      const opus = reportOn('claude-opus-5');
      const haiku = reportOn('claude-haiku-4-5');
      assert.notEqual(opus.tokens.tokens, haiku.tokens.tokens);
      assert.equal(opus.recommendation?.model, 'claude-haiku-4-5');
      assert.equal(opus.recommendation.recommendedPerMonth, haiku.cost?.perMonth);
      assert.equal(opus.recommendation.currentPerMonth, opus.cost?.perMonth);
      assert.ok(
        opus.recommendation.reasons.includes(
          `context window 200,000 fits ${haiku.tokens.tokens} prompt + 200 output tokens`,
        ),
        opus.recommendation.reasons.join('\n'),
      );
    });

    it('gives the compared models’ own counts where they differ, and none where every model counts alike', () => {
      const haiku = reportOn('claude-haiku-4-5');
      const newer = reportOn('claude-opus-5').tokens.tokens;
      assert.deepEqual(haiku.tokensByModel, { 'claude-sonnet-5': newer, 'claude-opus-5': newer });
      assert.deepEqual(reportOn('claude-opus-5').tokensByModel, { 'claude-haiku-4-5': haiku.tokens.tokens });
      assert.equal(reportOn('gpt-5.4-mini').tokensByModel, undefined);
    });
  });
});
