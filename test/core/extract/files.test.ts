import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  extractPrompts,
  isPromptFile,
  isSupportedFile,
  UNBOUNDED_VARIABLE_TOKENS,
  type TextRange,
} from '../../../core';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const slice = (text: string, range: TextRange) => text.slice(range.start, range.end);

describe('extractPrompts: prompt files', () => {
  it('reads a Prompty file: model and cap from front matter, roles, jinja loops, samples', () => {
    const source = fixture('support.prompty');
    const { prompts, notices } = extractPrompts(source, 'prompts/support.prompty');
    assert.deepEqual(notices, []);
    const [prompt] = prompts;
    assert.equal(prompt!.id, 'file:support.prompty:0');
    assert.equal(prompt!.kind, 'file');
    assert.equal(prompt!.language, 'prompty');
    assert.equal(prompt!.model, 'gpt-4o-mini');
    assert.equal(prompt!.maxTokens, 400);
    assert.equal(slice(source, prompt!.modelRange!), 'gpt-4o-mini');
    assert.equal(source.split('\n')[prompt!.modelRange!.startLine], '    azure_deployment: gpt-4o-mini');
    assert.deepEqual(
      prompt!.parts.map((part) => part.role),
      ['system', 'user'],
    );
    const [system, user] = prompt!.parts;
    assert.equal(slice(source, system!.range), system!.text);
    assert.ok(system!.text.startsWith('You are the support agent'));
    assert.equal(user!.text.trim(), '{{question}}');
    const variables = system!.variables.map((variable) => [
      variable.name,
      variable.inLoop ?? false,
      variable.unbounded,
      variable.sizeSource,
    ]);
    assert.deepEqual(variables, [
      ['firstName', false, false, 'sample'],
      ['documents', true, true, 'default'],
      ['history', true, false, 'default'],
    ]);
    assert.equal(system!.variables[0]!.estimatedTokens, 1);
    assert.equal(system!.variables[1]!.estimatedTokens, UNBOUNDED_VARIABLE_TOKENS);
    assert.equal(slice(source, system!.variables[1]!.range), '{% for doc in documents %}');
    assert.equal(user!.variables[0]!.sizeSource, 'sample');
  });

  it('reads a jinja file: set, filters, loops, comments and raw blocks', () => {
    const source = fixture('digest.j2');
    const [prompt] = extractPrompts(source, 'templates/digest.j2').prompts;
    const part = prompt!.parts[0]!;
    assert.equal(part.role, 'template');
    assert.equal(part.text, source);
    assert.deepEqual(
      part.variables.map((variable) => [variable.name, variable.inLoop ?? false, variable.unbounded]),
      [
        ['user.first_name', false, false],
        ['week', false, false],
        ['emails', true, true],
        ['tone', true, false],
      ],
    );
  });

  it('reads a Dotprompt file: roles, handlebars loops, comments, provider-prefixed model', () => {
    const source = fixture('review.prompt');
    const [prompt] = extractPrompts(source, 'review.prompt').prompts;
    assert.equal(prompt!.model, 'gemini-2.5-flash');
    assert.equal(slice(source, prompt!.modelRange!), 'gemini-2.5-flash');
    assert.equal(prompt!.modelRange!.start, source.indexOf('googleai/') + 'googleai/'.length);
    assert.equal(prompt!.maxTokens, 200);
    assert.deepEqual(
      prompt!.parts.map((part) => part.role),
      ['system', 'user'],
    );
    assert.deepEqual(prompt!.parts[0]!.variables, []);
    assert.deepEqual(
      prompt!.parts[1]!.variables.map((variable) => [variable.name, variable.inLoop ?? false]),
      [
        ['project', false],
        ['files', true],
        ['urgent', false],
        ['reviewer', false],
      ],
    );
    assert.equal(prompt!.parts[1]!.variables[1]!.unbounded, true);
  });

  it('reads a plain model line, and reports bad front matter as a notice', () => {
    const good = extractPrompts('---\nmodel: gpt-4o\n---\nHello {{name}}', 'a.prompty').prompts[0]!;
    assert.equal(good.model, 'gpt-4o');
    assert.deepEqual([good.modelRange!.start, good.modelRange!.end], [11, 17]);
    // The top-level name is the prompt's own, even when it reads like a model id; quotes and comments are skipped.
    const named = '---\nname: gpt-4o\nmodel: "gpt-4o"  # the default\n---\nHi';
    assert.equal(extractPrompts(named, 'c.prompty').prompts[0]!.modelRange!.startLine, 2);
    assert.equal(slice(named, extractPrompts(named, 'c.prompty').prompts[0]!.modelRange!), 'gpt-4o');
    assert.equal(extractPrompts('Hello {{name}}', 'd.prompty').prompts[0]!.modelRange, undefined);
    assert.equal(good.parts[0]!.role, 'template');
    const bad = extractPrompts('---\nmodel: [unclosed\n---\nsystem:\nHi', 'b.prompty');
    assert.equal(bad.prompts.length, 1);
    assert.match(bad.notices[0]!, /b\.prompty:\d+: front matter is not valid YAML/);
  });

  it('reads handlebars, mustache and liquid templates', () => {
    const hbs = extractPrompts(
      'Hi {{{name}}}! {{#each messages}}{{role}}: {{content}}{{/each}} {{> footer}} {{& sign}}',
      'a.hbs',
    ).prompts[0]!;
    assert.deepEqual(
      hbs.parts[0]!.variables.map((variable) => variable.name),
      ['name', 'messages', 'sign'],
    );
    const liquid = extractPrompts(
      '{% assign n = results | size %}{{ n }} hits. {% for r in results limit:5 %}{{ r.title }}{% endfor %}',
      'a.liquid',
    ).prompts[0]!;
    assert.deepEqual(
      liquid.parts[0]!.variables.map((variable) => [variable.name, variable.syntax, variable.unbounded]),
      [
        ['results', 'liquid', true],
        ['results', 'liquid', false],
      ],
    );
  });

  it('reads markdown and text prompts under a prompts folder, detecting their placeholder syntax', () => {
    const md = extractPrompts('# Triage\nClassify {ticket} into {labels}.', 'repo/prompts/triage.md').prompts[0]!;
    assert.equal(md.language, 'markdown');
    assert.deepEqual(
      md.parts[0]!.variables.map((variable) => [variable.name, variable.syntax]),
      [
        ['ticket', 'format'],
        ['labels', 'format'],
      ],
    );
    const txt = extractPrompts('Hello {{ name }}', 'C:\\app\\Prompts\\hello.txt').prompts[0]!;
    assert.equal(txt.parts[0]!.variables[0]!.syntax, 'mustache');
  });

  it('tells prompt files and supported files apart, with extra globs from the policy', () => {
    for (const extension of [
      '.prompt',
      '.prompty',
      '.j2',
      '.jinja',
      '.jinja2',
      '.hbs',
      '.handlebars',
      '.mustache',
      '.liquid',
    ]) {
      assert.equal(isPromptFile(`x/support${extension}`), true, extension);
      assert.equal(
        extractPrompts('Answer {{ question }} briefly.', `x/support${extension}`).prompts.length,
        1,
        extension,
      );
    }
    assert.equal(isPromptFile('x/prompts/deep/er/notes.txt'), true);
    assert.equal(isPromptFile('x/prompts/readme.md'), true);
    assert.equal(isPromptFile('x/docs/readme.md'), false);
    assert.equal(isPromptFile('x/prompts.md'), false);
    assert.equal(isPromptFile('x/llm/summary.tmpl'), false);
    assert.equal(isPromptFile('x/llm/summary.tmpl', { promptGlobs: ['llm/**/*.tmpl'] }), true);
    assert.equal(isSupportedFile('src/app.tsx'), true);
    assert.equal(isSupportedFile('src/app.py'), true);
    assert.equal(isSupportedFile('src/app.rb'), false);
    assert.equal(isSupportedFile('src/Makefile'), false);
    assert.equal(extractPrompts('anything', 'src/app.rb').prompts.length, 0);
  });

  it('sizes variables from the policy: caps, samples, default', () => {
    const options = {
      variableSizes: { history: { maxTokens: 1200 }, name: { sample: 'Jane Doe, ACME' } },
      defaultVariableTokens: 20,
    };
    const [part] = extractPrompts('{{history}} {{name}} {{other}}', 'a.mustache', options).prompts[0]!.parts;
    assert.deepEqual(
      part!.variables.map((variable) => [
        variable.name,
        variable.estimatedTokens,
        variable.unbounded,
        variable.sizeSource,
      ]),
      [
        ['history', 1200, false, 'policy'],
        ['name', 4, false, 'sample'],
        ['other', 20, false, 'default'],
      ],
    );
  });
});
