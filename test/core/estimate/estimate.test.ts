import { strict as assert } from 'node:assert';
import {
  countTokens,
  estimateFile,
  estimatePrompt,
  estimateRequest,
  extractPrompts,
  modelLabel,
  parsePolicy,
} from '../../../core';

const call = (model: string | undefined, maxTokens?: number) =>
  `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const run = () => client.chat.completions.create({\n` +
  `${model ? `  model: '${model}',\n` : ''}${maxTokens ? `  max_tokens: ${maxTokens},\n` : ''}` +
  `  messages: [{ role: 'system', content: 'Classify the ticket.' }, { role: 'user', content: 'My invoice is wrong.' }],\n});\n`;

function estimateOf(source: string, fileName: string, options: Parameters<typeof estimatePrompt>[2] = {}) {
  const [prompt] = extractPrompts(source, fileName).prompts;
  assert.ok(prompt, fileName);
  return estimatePrompt(prompt, source, options);
}

describe('estimatePrompt', () => {
  it('names where the model comes from, and labels every assumed one', () => {
    const policy = parsePolicy('defaultModel: gpt-4.1-mini\n', 'tokenwise.config.yaml');
    assert.deepEqual(
      [estimateOf(call('gpt-4o'), 'a.ts').modelSource, estimateOf(call('gpt-4o'), 'a.ts').modelAssumed],
      ['code', false],
    );
    assert.deepEqual(
      [
        estimateOf(call(undefined), 'a.ts').model,
        estimateOf(call(undefined), 'a.ts').modelSource,
        estimateOf(call(undefined), 'a.ts').modelAssumed,
      ],
      ['gpt-4o-mini', 'built-in', true],
    );
    const fromPolicy = estimateOf(call(undefined), 'a.ts', { policy });
    assert.deepEqual(
      [fromPolicy.model, fromPolicy.modelSource, fromPolicy.modelAssumed],
      ['gpt-4.1-mini', 'policy-default', true],
    );
    const picked = estimateOf(call(undefined), 'a.ts', { policy, defaultModel: 'gpt-4o' });
    assert.deepEqual([picked.model, picked.modelSource, picked.modelAssumed], ['gpt-4o', 'setting', true]);
    assert.equal(modelLabel(picked), 'assumed gpt-4o (model unknown)');
    const chosen = estimateOf(call('gpt-4o'), 'a.ts', { model: 'gpt-4.1' });
    assert.deepEqual([chosen.model, chosen.modelSource, chosen.modelAssumed], ['gpt-4.1', 'option', false]);
  });

  it("counts system and messages lines plus OpenAI's framing, and they add up to the total", () => {
    const estimate = estimateOf(call('gpt-4o'), 'a.ts');
    assert.deepEqual(
      estimate.parts.map((part) => part.label),
      ['system', 'messages', 'overhead'],
    );
    assert.equal(estimate.parts[0]!.tokens, countTokens('Classify the ticket.', 'gpt-4o').tokens);
    assert.equal(
      estimate.parts.reduce((sum, part) => sum + part.tokens, 0),
      estimate.tokens.tokens,
    );
    const request = estimateRequest(
      {
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Classify the ticket.' },
          { role: 'user', content: 'My invoice is wrong.' },
        ],
      },
      { fileName: 'request.json' },
    );
    assert.equal(request.tokens.tokens, estimate.tokens.tokens, 'the call and the request it sends count alike');
  });

  it('counts no framing for a Gemini model, with the band allowing it', () => {
    const estimate = estimateOf(call('gemini-2.5-flash'), 'a.ts');
    assert.ok(!estimate.parts.some((part) => part.label === 'overhead'));
    assert.ok(estimate.tokens.high > estimate.tokens.tokens);
    assert.match(estimate.tokens.note ?? '', /Google documents no per-message framing/);
  });

  it('takes the output from the call, the file, an option or the policy, and says which', () => {
    const policy = parsePolicy(
      'defaultOutputTokens: 300\noutputTokens:\n  - glob: reports/*\n    tokens: 900\n',
      'tokenwise.config.yaml',
    );
    assert.deepEqual(pick(estimateOf(call('gpt-4o', 50), 'a.ts', { policy })), [50, 'call']);
    assert.deepEqual(pick(estimateOf(call('gpt-4o', 50), 'a.ts', { policy, outputTokens: 7 })), [7, 'option']);
    assert.deepEqual(pick(estimateOf(call('gpt-4o'), 'reports/a.ts', { policy })), [900, 'policy']);
    assert.deepEqual(pick(estimateOf(call('gpt-4o'), 'a.ts', { policy })), [300, 'policy-default']);
    assert.deepEqual(
      pick(
        estimateFile('---\nmodel: gpt-4o\nmax_tokens: 1\nconfig:\n  maxOutputTokens: 1\n---\nSay yes.\n', 'x.prompt', {
          policy,
        }),
      ),
      [1, 'file'],
    );
  });

  it('reads front matter in Jinja and Markdown prompt files and never counts it', () => {
    for (const fileName of ['prompts/ask.j2', 'prompts/ask.md', 'ask.prompt', 'notes.txt']) {
      const estimate = estimateFile('---\nmodel: gpt-4.1\n---\nSay yes or no.\n', fileName);
      assert.equal(estimate.model, 'gpt-4.1', fileName);
      assert.equal(estimate.modelSource, 'file', fileName);
      assert.equal(estimate.parts[0]!.tokens, countTokens('Say yes or no.\n', 'gpt-4.1').tokens, fileName);
    }
  });

  it('counts a sampled variable with the prompt model, as the text it stands for', () => {
    const policy = parsePolicy(
      'variables:\n  ticket:\n    sample: "Where is my parcel? It was due on Monday."\n',
      'tokenwise.config.yaml',
    );
    const source =
      "const run = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `Ticket: ${ticket}` }] });\n";
    const [prompt] = extractPrompts(source, 'a.ts', { variableSizes: policy.variables }).prompts;
    const estimate = estimatePrompt(prompt!, source, { policy });
    const messages = estimate.parts.find((part) => part.label === 'messages')!;
    assert.equal(messages.variableTokens, countTokens('Where is my parcel? It was due on Monday.', 'gpt-4o').tokens);
  });
});

function pick(estimate: { outputTokens: number; outputSource: string }): [number, string] {
  return [estimate.outputTokens, estimate.outputSource];
}
