// The shapes of real code that the labelled corpus measures, asserted one by one where a user would see them.
import { strict as assert } from 'node:assert';
import { extractPrompts } from '../../../core';

const only = (source: string, file: string) => {
  const result = extractPrompts(source, file);
  assert.equal(result.prompts.length, 1, JSON.stringify(result.prompts.map((prompt) => prompt.id)));
  return result.prompts[0]!;
};

describe('extractPrompts on real-world shapes', () => {
  it('says how the model was found: literal, resolved, fallback or unknown', () => {
    const message = "messages: [{ role: 'user', content: 'Say hello to the new customer.' }]";
    const cases: Array<[string, string | undefined, string]> = [
      [`getClient().chat.completions.create({ model: 'gpt-4o', ${message} })`, 'gpt-4o', 'literal'],
      [`const M = 'gpt-4o-mini';\nclient.chat.completions.create({ model: M, ${message} })`, 'gpt-4o-mini', 'resolved'],
      [
        `const cfg = { llm: { model: 'gpt-4.1' } };\nclient.chat.completions.create({ model: cfg.llm.model, ${message} })`,
        'gpt-4.1',
        'resolved',
      ],
      [
        `const M = process.env.MODEL ?? 'gpt-4o';\nclient.chat.completions.create({ model: M, ${message} })`,
        'gpt-4o',
        'fallback',
      ],
      [
        `function f(model = 'gpt-4.1-mini') { return client.chat.completions.create({ model, ${message} }); }`,
        'gpt-4.1-mini',
        'fallback',
      ],
      [`function f(model) { return client.chat.completions.create({ model, ${message} }); }`, undefined, 'unknown'],
    ];
    for (const [source, model, how] of cases) {
      const prompt = only(`import OpenAI from 'openai';\n${source}\n`, 'a.ts');
      assert.equal(prompt.model, model, source);
      assert.equal(prompt.modelSource, how, source);
    }
    const python = only(
      'import os\nclient = anthropic.Anthropic()\nclient.messages.create(model=os.getenv("CLAUDE_MODEL", "claude-sonnet-4-20250514"), max_tokens=300, messages=[{"role": "user", "content": "Hello there"}])\n',
      'a.py',
    );
    assert.deepEqual(
      [python.model, python.modelSource, python.callSite?.modelRange],
      ['claude-sonnet-4-20250514', 'fallback', undefined],
    );
  });

  it('reports an LLM call whose request is built elsewhere as unread, not as a prompt', () => {
    const result = extractPrompts(
      'from openai import OpenAI\nclient = OpenAI()\ndef f(**kwargs):\n    return client.chat.completions.create(**kwargs)\n',
      'a.py',
    );
    assert.deepEqual(result.prompts, []);
    assert.deepEqual(
      result.unreadCalls.map((call) => [call.api, call.range.startLine, call.reason]),
      [['openai.chat', 3, 'its request is built at run time']],
    );
  });

  it('keeps a prompt built with += as one prompt, and skips constants and keys named like prompts', () => {
    const source = [
      'from openai import OpenAI',
      'PROMPT_TOKEN_COUNT = "__computed__"',
      'CONNECTION = {"promptflow.connection.module": "promptflow.connections"}',
      'def ask(q):',
      '    prompt = "You answer questions. "',
      '    prompt += "Be brief. "',
      '    prompt += f"Question: {q}"',
      '    return OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])',
    ].join('\n');
    const prompt = only(source, 'a.py');
    assert.equal(prompt.parts[0]!.text, 'You answer questions. Be brief. Question: {q}');
  });

  it('skips templates that render code or configuration', () => {
    const rendered: Array<[string, string]> = [
      ['deploy/setup.py.j2', 'from setuptools import setup\nsetup(name="{{ name }}")\n'],
      ['Dockerfile.jinja2', 'FROM python:{{ version }}\nRUN pip install .\n'],
      ['values.yml.jinja2', 'replicas: {{ n }}\n'],
      ['k8s/deployment.j2', 'apiVersion: apps/v1\nkind: Deployment\n'],
      ['views/index.hbs', '<!DOCTYPE html>\n<html><body>{{title}}</body></html>\n'],
    ];
    for (const [file, text] of rendered) assert.deepEqual(extractPrompts(text, file).prompts, [], file);
    assert.equal(
      only('Answer the question using the context.\nQuestion: {{ question }}\n', 'templates/qa.j2').parts.length,
      1,
    );
  });
});
