import { strict as assert } from 'node:assert';
import { auditRules, auditText, countTokens, parsePolicy } from '../../../core';
import { applyEdits, audit, findingsOf } from './fixture';

const longHandbook = Array.from(
  { length: 140 },
  (_, i) => `Rule ${i + 1}: answer refund question ${i + 1} with the matching clause of the handbook and cite it.`,
).join('\n');

describe('audit rules', () => {
  it('registers at least the thirteen documented rules with unique kebab-case ids', () => {
    const ids = auditRules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of [
      'whitespace-waste',
      'duplicate-instruction',
      'unbounded-context',
      'cache-unfriendly-order',
      'context-overflow-risk',
      'no-output-cap',
      'secret-in-prompt',
      'personal-data',
      'unapproved-model',
      'frontier-for-simple-task',
      'few-shot-heavy',
      'inefficient-payload',
      'unbounded-retry',
      'cheaper-equivalent-model',
    ])
      assert.ok(ids.includes(id), id);
    assert.ok(ids.every((id) => /^[a-z]+(-[a-z]+)*$/.test(id)));
  });

  describe('whitespace-waste', () => {
    const text = 'You sort tickets.      \n\n\n\n\nAnswer with one word.   \n';
    const source = `const prompt = \`${text}\`;\n`;

    it('reports trailing spaces and blank-line runs with the tokens saved, and a fix that removes them', () => {
      const result = audit(source, { parts: [{ text }] });
      const [finding] = findingsOf(result, 'whitespace-waste');
      assert.ok(finding, 'expected a finding');
      assert.ok(finding.tokens! > 0);
      assert.match(finding.message, /trailing spaces, runs of blank lines/);
      const fixed = applyEdits(source, finding.fix!.edits);
      assert.equal(fixed, 'const prompt = `You sort tickets.\n\nAnswer with one word.\n`;\n');
    });

    it('reports template-literal indentation and fixes it line by line', () => {
      const indented = '\n    You sort tickets.\n    Answer with one word.\n    Never explain.\n  ';
      const code = `function f() {\n  const prompt = \`${indented}\`;\n}\n`;
      const [finding] = findingsOf(audit(code, { parts: [{ text: indented }] }), 'whitespace-waste');
      assert.ok(finding);
      assert.match(finding.message, /code indentation/);
      assert.match(
        applyEdits(code, finding.fix!.edits),
        /`\nYou sort tickets\.\nAnswer with one word\.\nNever explain\.\n  `/,
      );
    });

    it('stays quiet on clean text', () => {
      const clean = 'You sort tickets.\n\nAnswer with one word.';
      assert.deepEqual(
        findingsOf(audit(`const prompt = \`${clean}\`;`, { parts: [{ text: clean }] }), 'whitespace-waste'),
        [],
      );
    });

    it('reports but offers no fix when the source text is not verbatim (escapes)', () => {
      const escaped = 'You sort tickets.      \\n\\n\\n\\nAnswer.   \\n';
      const src = `const prompt = "${escaped}";`;
      const [finding] = findingsOf(
        audit(src, { parts: [{ text: escaped, decoded: 'You sort tickets.      \n\n\n\nAnswer.   \n' }] }),
        'whitespace-waste',
      );
      assert.ok(finding);
      assert.equal(finding.fix, undefined);
    });
  });

  describe('duplicate-instruction', () => {
    it('reports a repeated sentence at its second occurrence with a removal fix', () => {
      const text =
        'Answer with the category name only. Be brief.\nCategories: billing, bug.\nAnswer with the category name only.';
      const source = `const prompt = \`${text}\`;`;
      const [finding, ...rest] = findingsOf(audit(source, { parts: [{ text }] }), 'duplicate-instruction');
      assert.ok(finding);
      assert.equal(rest.length, 0);
      assert.equal(source.slice(finding.range.start, finding.range.end), 'Answer with the category name only.');
      assert.ok(finding.range.start > source.indexOf('Categories'));
      assert.match(finding.message, /line 1/);
      assert.ok(!applyEdits(source, finding.fix!.edits).includes('bug.\nAnswer'));
    });

    it('finds repeats across messages, ignoring case and punctuation', () => {
      const system = 'Always answer in formal English.';
      const user = 'Question: {q}. always answer in formal english!';
      const source = `system = "${system}"\nuser = "${user}"`;
      const found = findingsOf(
        audit(
          source,
          {
            parts: [
              { role: 'system', text: system },
              { role: 'user', text: user },
            ],
          },
          {},
          'app.py',
        ),
        'duplicate-instruction',
      );
      assert.equal(found.length, 1);
    });

    it('gives one finding per repeated sentence, however often it repeats, with one fix removing every repeat', () => {
      const text =
        'Keep answers under 120 words.\nKeep answers under 120 words.\nCite the handbook section.\nKeep answers under 120 words.';
      const source = `const prompt = \`${text}\`;`;
      const found = findingsOf(audit(source, { parts: [{ text }] }), 'duplicate-instruction');
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /Repeats 2 more times \(lines 2, 4\) an instruction already given on line 1/);
      assert.equal(
        applyEdits(source, found[0]!.fix!.edits),
        'const prompt = `Keep answers under 120 words.\n\nCite the handbook section.\n`;',
      );
    });

    it('stays silent on instructions restated after long variable content, as long-context prompts do', () => {
      const text = 'Answer only from the contract below.\n${contract}\nAnswer only from the contract below.';
      const source = `const prompt = \`${text}\`;`;
      const withDocument = audit(source, { parts: [{ text, variables: [{ name: 'contract', tokens: 6000 }] }] });
      assert.deepEqual(findingsOf(withDocument, 'duplicate-instruction'), []);
      const withHistory = audit(source, { parts: [{ text, variables: [{ name: 'contract', unbounded: true }] }] });
      assert.deepEqual(findingsOf(withHistory, 'duplicate-instruction'), []);
      const withName = audit(source, { parts: [{ text, variables: [{ name: 'contract', tokens: 20 }] }] });
      assert.equal(findingsOf(withName, 'duplicate-instruction').length, 1);
    });

    it('ignores short repeated phrases and distinct sentences', () => {
      const text = 'Input: a.\nOutput: b.\nInput: c.\nOutput: d.\nSummarise the ticket. Summarise the reply too.';
      assert.deepEqual(
        findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'duplicate-instruction'),
        [],
      );
    });
  });

  describe('unbounded-context', () => {
    it('reports an unbounded variable with its worst-case tokens', () => {
      const text = 'Answer using the conversation.\n${history}';
      const [finding] = findingsOf(
        audit(`const prompt = \`${text}\`;`, { parts: [{ text, variables: [{ name: 'history', unbounded: true }] }] }),
        'unbounded-context',
      );
      assert.ok(finding);
      assert.equal(finding.tokens, 8000);
      assert.match(finding.message, /`history` is interpolated with no truncation/);
      assert.match(finding.message, /context window/);
    });

    it('sizes a sampled variable as the estimate does: the sample counted with the prompt model', () => {
      const sample = 'User: where is my parcel?\nAgent: it left the depot on Monday and arrives Thursday.';
      const policy = parsePolicy(
        `variables:\n  history:\n    sample: ${JSON.stringify(sample)}\n`,
        'tokenwise.config.yaml',
      );
      const source =
        "const run = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `Conversation:\\n${history}` }] });\n";
      const report = auditText(source, 'a.ts', { policy });
      const [finding] = report.findings.filter((item) => item.ruleId === 'unbounded-context');
      const tokens = countTokens(sample, 'gpt-4o').tokens;
      assert.equal(finding?.tokens, tokens);
      assert.match(finding.message, new RegExp(`≈ ${tokens} tokens assumed`));
      assert.equal(report.prompts[0]!.parts.find((part) => part.label === 'messages')!.variableTokens, tokens);
    });

    it('stays quiet for bounded variables', () => {
      const text = 'Answer using the conversation.\n${recent}';
      assert.deepEqual(
        findingsOf(
          audit(`const prompt = \`${text}\`;`, { parts: [{ text, variables: [{ name: 'recent' }] }] }),
          'unbounded-context',
        ),
        [],
      );
    });
  });

  describe('cache-unfriendly-order', () => {
    it('reports a variable before a long static block, with the caching saving', () => {
      const text = `Customer: \${name}\n${longHandbook}`;
      const source = `const prompt = \`${text}\`;`;
      const [finding] = findingsOf(
        audit(
          source,
          { parts: [{ role: 'system', text, variables: [{ name: 'name', tokens: 10 }] }] },
          { model: 'gpt-4o' },
        ),
        'cache-unfriendly-order',
      );
      assert.ok(finding);
      assert.ok(finding.tokens! >= 1024);
      assert.ok(finding.costPerMonth! > 0, 'expected a saving');
      assert.equal(source.slice(finding.range.start, finding.range.end), '${name}');
    });

    it('stays quiet when the static block comes first', () => {
      const text = `${longHandbook}\nCustomer: \${name}`;
      assert.deepEqual(
        findingsOf(
          audit(`const prompt = \`${text}\`;`, { parts: [{ text, variables: [{ name: 'name' }] }] }),
          'cache-unfriendly-order',
        ),
        [],
      );
    });

    it('stays quiet when the static part after the variable is too short to cache', () => {
      const text = 'Customer: ${name}\nBe polite and brief.';
      assert.deepEqual(
        findingsOf(
          audit(`const prompt = \`${text}\`;`, { parts: [{ text, variables: [{ name: 'name' }] }] }),
          'cache-unfriendly-order',
        ),
        [],
      );
    });
  });

  describe('context-overflow-risk', () => {
    it('reports an error when the prompt cannot fit the model', () => {
      const text = 'Summarise: ${documents}';
      const [finding] = findingsOf(
        audit(
          `const prompt = \`${text}\`;`,
          { parts: [{ text, variables: [{ name: 'documents', tokens: 200_000 }] }] },
          { model: 'gpt-4o' },
        ),
        'context-overflow-risk',
      );
      assert.ok(finding);
      assert.equal(finding.severity, 'error');
    });

    it('warns past 80 % of the window and stays quiet well below it', () => {
      const text = 'Summarise: ${documents}';
      const near = audit(
        `const prompt = \`${text}\`;`,
        { parts: [{ text, variables: [{ name: 'documents', tokens: 110_000 }] }] },
        { model: 'gpt-4o' },
      );
      assert.equal(findingsOf(near, 'context-overflow-risk')[0]?.severity, 'warning');
      const small = audit(
        `const prompt = \`${text}\`;`,
        { parts: [{ text, variables: [{ name: 'documents', tokens: 2_000 }] }] },
        { model: 'gpt-4o' },
      );
      assert.deepEqual(findingsOf(small, 'context-overflow-risk'), []);
    });
  });

  describe('no-output-cap', () => {
    it('reports a call without max tokens and inserts the assumed cap as the first property', () => {
      const source = [
        'const reply = await openai.chat.completions.create({',
        "  model: 'gpt-4o-mini',",
        "  messages: [{ role: 'user', content: 'Say hello to the new customer.' }],",
        '});',
      ].join('\n');
      const call = source.slice(source.indexOf('openai'), source.lastIndexOf(')') + 1);
      const [finding] = findingsOf(
        audit(source, {
          parts: [{ text: 'Say hello to the new customer.' }],
          call: { text: call, model: 'gpt-4o-mini' },
        }),
        'no-output-cap',
      );
      assert.ok(finding);
      assert.equal(applyEdits(source, finding.fix!.edits).split('\n')[1], '  max_completion_tokens: 500,');
    });

    it('uses keyword arguments in Python and max_output_tokens for the Responses API', () => {
      const py =
        'r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hello politely."}])';
      const call = py.slice(py.indexOf('client'));
      const [finding] = findingsOf(
        audit(
          py,
          { parts: [{ text: 'Say hello politely.' }], call: { text: call, model: 'gpt-4o-mini' } },
          {},
          'app.py',
        ),
        'no-output-cap',
      );
      assert.match(applyEdits(py, finding!.fix!.edits), /create\(max_completion_tokens=500, model=/);
      const ts = "await openai.responses.create({ model: 'gpt-4o-mini', input: 'Say hello politely.' })";
      const [responses] = findingsOf(
        audit(ts, {
          parts: [{ text: 'Say hello politely.' }],
          call: { api: 'openai.responses', text: ts.slice(6), model: 'gpt-4o-mini' },
        }),
        'no-output-cap',
      );
      assert.match(applyEdits(ts, responses!.fix!.edits), /create\(\{ max_output_tokens: 500, model:/);
    });

    it('stays quiet when the call sets a cap, and for prompts with no call site', () => {
      const source =
        "await openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 200, messages: [{ role: 'user', content: 'Say hello politely.' }] })";
      const call = source.slice(6);
      assert.deepEqual(
        findingsOf(
          audit(source, {
            parts: [{ text: 'Say hello politely.' }],
            call: { text: call, model: 'gpt-4o-mini', maxTokens: 200 },
          }),
          'no-output-cap',
        ),
        [],
      );
      assert.deepEqual(
        findingsOf(audit('const prompt = `Say hello.`;', { parts: [{ text: 'Say hello.' }] }), 'no-output-cap'),
        [],
      );
    });
  });

  describe('no-output-cap on extracted real shapes', () => {
    const capFindings = (source: string, file = 'src/chat.ts') => findingsOf(auditText(source, file), 'no-output-cap');
    const message = "messages: [{ role: 'user', content: 'Say hello to the new customer.' }]";

    it('stays quiet when a cap is set in any form: an expression, a spread, nested settings, a default options object', () => {
      const shapes = [
        `openai.chat.completions.create({ model: 'gpt-4o', max_tokens: n, ${message} })`,
        `openai.chat.completions.create({ model: 'gpt-4o', max_tokens: settings.maxTokens, ${message} })`,
        `openai.chat.completions.create({ ...defaults, model: 'gpt-4o', ${message} })`,
        `generateText({ model: openai('gpt-4o'), maxOutputTokens: limits.output, prompt: 'Say hello to the new customer.' })`,
        `ai.models.generateContent({ model: 'gemini-2.0-flash', contents: 'Say hello to the new customer.', config: { maxOutputTokens: 300 } })`,
      ];
      for (const shape of shapes)
        assert.deepEqual(
          capFindings(`const defaults = { max_tokens: 300 };\nexport const f = (n, settings, limits) => ${shape};\n`),
          [],
          shape,
        );
      const python =
        'DEFAULTS = {"max_tokens": 300}\nclient.chat.completions.create(model="gpt-4o", **DEFAULTS, messages=[{"role": "user", "content": "Say hello politely."}])\n';
      assert.deepEqual(capFindings(python, 'app.py'), []);
    });

    it('reports a call with no cap at all, and never adds a second cap', () => {
      const none = `export const f = () => openai.chat.completions.create({ model: 'gpt-4o', ${message} });\n`;
      const [finding] = capFindings(none);
      assert.ok(finding?.fix);
      // An explicit "no cap" (null) is a cap parameter already written: reported nowhere, so never doubled by a fix.
      const explicit = `export const f = () => openai.chat.completions.create({ model: 'gpt-4o', max_tokens: null, ${message} });\n`;
      assert.ok(capFindings(explicit).every((found) => !found.fix));
    });
  });

  describe('secret-in-prompt', () => {
    const secrets: [string, string][] = [
      ['OpenAI API key', 'sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000'],
      ['OpenAI API key', 'sk-EXAMPLEEXAMPLEEXAMPLE1234'],
      ['Anthropic API key', 'sk-ant-api03-EXAMPLEEXAMPLEEXAMPLE-EXAMPLE'],
      ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
      ['Slack token', 'xoxb-0000000000-EXAMPLEEXAMPLE'],
      ['GitHub token', 'ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE1'],
      ['GitHub token', 'github_pat_EXAMPLEEXAMPLEEXAMPLE_EXAMPLE'],
      ['private key', '-----BEGIN RSA PRIVATE KEY-----'],
      [
        'JSON Web Token',
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      ],
    ];
    for (const [kind, secret] of secrets) {
      it(`reports an ${kind} as an error without echoing it`, () => {
        const text = `Use this credential: ${secret} when calling the API.`;
        const source = `const prompt = \`${text}\`;`;
        const [finding] = findingsOf(audit(source, { parts: [{ text }] }), 'secret-in-prompt');
        assert.ok(finding, kind);
        assert.equal(finding.severity, 'error');
        assert.ok(finding.message.startsWith(kind), finding.message);
        assert.ok(!finding.message.includes(secret), 'the message must not repeat the secret');
        assert.equal(source.slice(finding.range.start, finding.range.end), secret);
      });
    }

    it('stays quiet on key-like words and short prefixes', () => {
      const text = 'Ask the user for their sk- prefix only; never for a whole key. Tokens look like xoxb-… or ghp_….';
      assert.deepEqual(findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'secret-in-prompt'), []);
    });
  });

  describe('personal-data', () => {
    it('reports email addresses and phone numbers', () => {
      const text = 'Escalate to dana.ruiz@northwind-outfitters.com or call +44 20 7946 1234, or (415) 867-5309.';
      const found = findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'personal-data');
      assert.equal(found.length, 3);
      assert.ok(found.every((f) => !f.message.includes('dana.ruiz@')));
    });

    it('ignores documentation domains, fictional numbers, dates and versions', () => {
      const text =
        'Reply to jane@example.com or ops@service.test; call 555-0142; released 2026-03-02, version 1.2.3.4.';
      assert.deepEqual(findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'personal-data'), []);
    });
  });

  describe('unapproved-model', () => {
    const policy = parsePolicy(
      'defaultModel: gpt-4o-mini\napprovedModels:\n  default: [gpt-4o*]\n  production: [gpt-4o-mini]\n',
      'tokenwise.config.yaml',
    );
    const source =
      "await openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'user', content: 'Say hello politely.' }] })";
    const spec = {
      parts: [{ text: 'Say hello politely.' }],
      call: { text: source.slice(6), model: 'gpt-4o', maxTokens: 50 },
    };

    it('reports a model outside the environment’s list, with a switch to the default model', () => {
      const [finding] = findingsOf(audit(source, spec, { policy, environment: 'production' }), 'unapproved-model');
      assert.ok(finding);
      assert.equal(finding.severity, 'error');
      assert.equal(source.slice(finding.range.start, finding.range.end), 'gpt-4o');
      assert.match(applyEdits(source, finding.fix!.edits), /model: 'gpt-4o-mini'/);
    });

    it('stays quiet for an approved model', () => {
      assert.deepEqual(findingsOf(audit(source, spec, { policy }), 'unapproved-model'), []);
    });

    it('points at the model in a prompt file’s front matter and switches it there', () => {
      const file = '---\nname: greet\nmodel:\n  configuration:\n    name: gpt-4o\n---\nsystem:\nSay hello politely.\n';
      const [finding] = findingsOf(
        auditText(file, 'prompts/greet.prompty', { policy, environment: 'production' }),
        'unapproved-model',
      );
      assert.ok(finding);
      assert.equal(finding.range.startLine, 4);
      assert.equal(file.slice(finding.range.start, finding.range.end), 'gpt-4o');
      assert.match(applyEdits(file, finding.fix!.edits), /^    name: gpt-4o-mini$/m);
    });
  });

  describe('frontier-for-simple-task', () => {
    const system =
      'Classify the support ticket into exactly one category: billing, bug, account or other. Answer with the category name only.';
    const source = `await openai.chat.completions.create({ model: 'gpt-4.1', max_tokens: 5, messages: [{ role: 'system', content: '${system}' }, { role: 'user', content: ticket }] })`;

    it('reports a large model on a classification task with the saving and a model switch', () => {
      const result = audit(source, {
        parts: [{ role: 'system', text: system }],
        call: { text: source.slice(6), model: 'gpt-4.1', maxTokens: 5 },
      });
      const [finding] = findingsOf(result, 'frontier-for-simple-task');
      assert.ok(finding, JSON.stringify(result.prompts[0]?.recommendation));
      assert.ok(finding.costPerMonth! > 0);
      assert.match(finding.message, /% less than gpt-4\.1/);
      const fixed = applyEdits(source, finding.fix!.edits);
      assert.ok(fixed.includes(`model: '${result.prompts[0]!.recommendation!.model}'`));
    });

    it('stays quiet for a small model', () => {
      const small = source.replace('gpt-4.1', 'gpt-4.1-nano');
      const result = audit(small, {
        parts: [{ role: 'system', text: system }],
        call: { text: small.slice(6), model: 'gpt-4.1-nano', maxTokens: 5 },
      });
      assert.deepEqual(findingsOf(result, 'frontier-for-simple-task'), []);
    });

    it('stays quiet when a simple verb fronts a task that needs reasoning, and the report says why', () => {
      const legal =
        'Classify the claim as covered or not covered under English and Scottish law, weighing the contradicting witness statements.';
      const code = source.replace(system, legal);
      const result = audit(code, {
        parts: [{ role: 'system', text: legal }],
        call: { text: code.slice(6), model: 'gpt-4.1', maxTokens: 5 },
      });
      assert.deepEqual(findingsOf(result, 'frontier-for-simple-task'), []);
      assert.match(
        result.prompts[0]!.recommendationNotSure!,
        /^not sure: the prompt may need reasoning \(.*jurisdiction/,
      );
    });
  });

  describe('cheaper-equivalent-model', () => {
    // No task features: no smaller tier may be claimed, but a cheaper model of the same tier serves whatever it did.
    const system = 'Hello there.';
    const source = `await anthropic.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 300, system: '${system}', messages })`;

    it('reports a cheaper model of the same tier with the saving, no task claim, and a model switch', () => {
      const result = audit(source, {
        parts: [{ role: 'system', text: system }],
        call: { text: source.slice(6), model: 'claude-sonnet-4-0', maxTokens: 300 },
      });
      assert.deepEqual(findingsOf(result, 'frontier-for-simple-task'), []);
      const [finding] = findingsOf(result, 'cheaper-equivalent-model');
      assert.ok(finding, JSON.stringify(result.prompts[0]?.recommendation));
      assert.equal(finding.severity, 'info');
      assert.ok(finding.costPerMonth! > 0);
      assert.match(
        finding.message,
        /^claude-sonnet-5, of the same large tier, costs \d+ % less than claude-sonnet-4-0 \(saves \$[\d,.]+\/month/,
      );
      assert.doesNotMatch(finding.message, /task/);
      const recommendation = result.prompts[0]!.recommendation!;
      assert.equal(recommendation.kind, 'equivalent');
      assert.equal(recommendation.taskClass, undefined);
      assert.equal(result.prompts[0]!.recommendationNotSure, 'not sure: no task features found');
      assert.match(applyEdits(source, finding.fix!.edits), /model: 'claude-sonnet-5'/);
    });

    it('leaves a smaller tier to frontier-for-simple-task', () => {
      const classify =
        'Classify the support ticket into exactly one category: billing, bug, account or other. Answer with the category name only.';
      const code = source.replace(system, classify);
      const result = audit(code, {
        parts: [{ role: 'system', text: classify }],
        call: { text: code.slice(6), model: 'claude-sonnet-4-0', maxTokens: 5 },
      });
      assert.equal(findingsOf(result, 'cheaper-equivalent-model').length, 0);
      assert.equal(findingsOf(result, 'frontier-for-simple-task').length, 1);
    });
  });

  describe('few-shot-heavy', () => {
    const pairs = Array.from(
      { length: 30 },
      (_, i) => `Input: The parcel ${i} arrived damaged and the box was wet.\nOutput: shipping`,
    ).join('\n\n');

    it('reports an Examples section that outweighs the instructions', () => {
      const text = `Label the message: shipping, billing or other.\n\nExamples:\n${pairs}`;
      const [finding] = findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'few-shot-heavy');
      assert.ok(finding);
      assert.match(finding.message, /Few-shot examples are \d+ %/);
    });

    it('counts example messages the extractor marks as few-shot', () => {
      const system = 'Label the message: shipping, billing or other.';
      const examples = Array.from(
        { length: 12 },
        (_, i) => `Parcel ${i} arrived damaged, the box was wet and torn at every corner; please send a new one.`,
      );
      const source = [system, ...examples, 'Label: shipping'].join('\n');
      const parts = [
        { role: 'system' as const, text: system },
        ...examples.map((text) => ({ role: 'user' as const, text, fewShot: true })),
        { role: 'assistant' as const, text: 'Label: shipping', fewShot: true },
      ];
      const [finding] = findingsOf(audit(source, { parts }, {}, 'prompts/label.prompt'), 'few-shot-heavy');
      assert.ok(finding);
      assert.equal(source.slice(finding.range.start, finding.range.end), examples[0]);
    });

    it('ignores a small prompt, whatever its balance', () => {
      const text = 'Label it.\n\nExamples:\nInput: wet box\nOutput: shipping\n\nInput: double charge\nOutput: billing';
      assert.deepEqual(findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'few-shot-heavy'), []);
    });

    it('stays quiet when instructions dominate', () => {
      const text = `${longHandbook}\n\nExamples:\nInput: wet box\nOutput: shipping`;
      assert.deepEqual(findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'few-shot-heavy'), []);
    });
  });

  describe('inefficient-payload', () => {
    it('reports pretty-printed JSON with a compaction fix', () => {
      const json =
        '{\n    "invoice_number": "INV-2041",\n    "customer": {\n        "name": "Ada",\n        "country": "UK"\n    },\n    "lines": [\n        {\n            "amount": 129.0\n        }\n    ]\n}';
      const text = `Answer with JSON shaped like:\n${json}\nNothing else.`;
      const source = `const prompt = \`${text}\`;`;
      const [finding] = findingsOf(audit(source, { parts: [{ text }] }), 'inefficient-payload');
      assert.ok(finding);
      assert.ok(finding.tokens! >= 10);
      assert.ok(
        applyEdits(source, finding.fix!.edits).includes(
          '{"invoice_number":"INV-2041","customer":{"name":"Ada","country":"UK"},"lines":[{"amount":129}]}',
        ),
      );
    });

    it('reports a base64 blob', () => {
      const blob =
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg'.repeat(3);
      const text = `Describe this image: data:image/png;base64,${blob}`;
      const [finding] = findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'inefficient-payload');
      assert.ok(finding);
      assert.match(finding.message, /base64/);
    });

    it('stays quiet on compact JSON, template JSON and long plain words', () => {
      const text = `Answer like {"label":"billing"}.\n{\n  "name": "{{name}}",\n  "id": {{id}}\n}\n${'abcdefghij'.repeat(20)}`;
      assert.deepEqual(
        findingsOf(audit(`const prompt = \`${text}\`;`, { parts: [{ text }] }), 'inefficient-payload'),
        [],
      );
    });
  });

  describe('unbounded-retry', () => {
    const source =
      "while (true) {\n  try {\n    return await openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: 'Say hello politely.' }] });\n  } catch {}\n}";
    const call = source.slice(source.indexOf('openai'), source.indexOf('});') + 2);

    it('reports a call in a retry loop with no cap', () => {
      const [finding] = findingsOf(
        audit(source, {
          parts: [{ text: 'Say hello politely.' }],
          call: { text: call, model: 'gpt-4o-mini', maxTokens: 50, retry: { bounded: false, text: 'while (true)' } },
        }),
        'unbounded-retry',
      );
      assert.ok(finding);
      assert.equal(source.slice(finding.range.start, finding.range.end), 'while (true)');
    });

    it('stays quiet when the retry is bounded', () => {
      const result = audit(source, {
        parts: [{ text: 'Say hello politely.' }],
        call: { text: call, model: 'gpt-4o-mini', maxTokens: 50, retry: { bounded: true, text: 'while (true)' } },
      });
      assert.deepEqual(findingsOf(result, 'unbounded-retry'), []);
    });
  });
});
