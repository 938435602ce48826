import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPrompts, type ExtractedPrompt, type TextRange } from '../../../core';

const source = readFileSync(join(__dirname, 'fixtures', 'agent.py.txt'), 'utf8');
const slice = (text: string, range: TextRange) => text.slice(range.start, range.end);
/** The source as part of a file that talks to a model (appended, so offsets stay put): prompt-named text there
 * needs only two words of prose. */
const llmFile = (text: string) => `${text}\n# sent to the llm\n`;

function only(prompts: ExtractedPrompt[], id: string): ExtractedPrompt {
  const found = prompts.find((prompt) => prompt.id === id);
  assert.ok(found, `no prompt ${id} among ${prompts.map((prompt) => prompt.id).join(', ')}`);
  return found;
}

describe('extractPrompts: Python', () => {
  const { prompts, notices } = extractPrompts(source, 'app/agent.py');

  it('finds the SDK calls and the unused prompt constant, nothing in docstrings or comments', () => {
    assert.deepEqual(notices, []);
    assert.deepEqual(
      prompts.map((prompt) => prompt.id),
      [
        'binding:SUMMARY_PROMPT:0',
        'call:openai.chat:0',
        'call:anthropic.messages:0',
        'call:openai.responses:0',
        'call:langchain:0',
        'call:langchain:1',
      ],
    );
    assert.ok(!JSON.stringify(prompts).includes('fake-in'));
  });

  it('reads implicit concatenation across lines with a comment, and str.format placeholders', () => {
    const summary = only(prompts, 'binding:SUMMARY_PROMPT:0');
    const part = summary.parts[0]!;
    assert.equal(part.text, 'Summarize the ticket below in {max_words} words.\nTicket: {ticket}');
    assert.equal(part.role, 'template');
    assert.deepEqual(
      part.variables.map((variable) => [variable.name, variable.syntax]),
      [
        ['max_words', 'format'],
        ['ticket', 'format'],
      ],
    );
  });

  it('reads an OpenAI chat call: triple-quoted constant with quotes, spread history, f-string with spec and {{', () => {
    const chat = only(prompts, 'call:openai.chat:0');
    const [system, history, question] = chat.parts;
    assert.equal(system!.text, 'You are "Ada", the support agent.\nNever say \'I don\'t know\' — say "let me check".');
    assert.equal(slice(source, system!.range), system!.text);
    assert.equal(history!.variables[0]!.name, 'history');
    assert.equal(history!.variables[0]!.unbounded, true);
    assert.equal(question!.text, 'Question: {question!r:>10} ({len(history)} earlier, braces {kept})');
    assert.deepEqual(
      question!.variables.map((variable) => [variable.name, slice(source, variable.range)]),
      [
        ['question', '{question!r:>10}'],
        ['history', '{len(history)}'],
      ],
    );
    assert.equal(chat.model, 'gpt-4o-mini');
    assert.equal(slice(source, chat.callSite!.modelRange!), 'gpt-4o-mini');
    assert.equal(chat.maxTokens, 256);
    assert.equal(slice(source, chat.callSite!.maxTokensRange!), '256');
    assert.equal(chat.callSite!.retry, undefined);
    assert.ok(slice(source, chat.callSite!.argumentsRange).trim().startsWith('model=MODEL'));
  });

  it('reads an Anthropic call: nested same-kind quotes in an f-string, dict(), a bounded tenacity retry', () => {
    const call = only(prompts, 'call:anthropic.messages:0');
    assert.deepEqual(
      call.parts.map((part) => [part.role, part.text]),
      [
        ['system', 'Label with one of: {", ".join(LABELS)}.'],
        ['user', '{ticket}'],
      ],
    );
    assert.equal(call.parts[0]!.variables[0]!.name, 'LABELS');
    assert.equal(call.callSite!.retry!.bounded, true);
    assert.match(slice(source, call.callSite!.retry!.range), /^@retry\(stop=stop_after_attempt\(3\)\)$/);
  });

  it('reads a Responses call: dedent, triple-quoted f-string with a nested string, JSON mode, unbounded loop', () => {
    const call = only(prompts, 'call:openai.responses:0');
    const [instructions, input] = call.parts;
    assert.equal(instructions!.text, '\nAnswer from the documents only.\nCite the document number.\n');
    assert.equal(input!.text, 'Documents:\n{"\\n\\n".join(d.page_content for d in docs)}\nQuestion: {question}');
    assert.deepEqual(
      input!.variables.map((variable) => [variable.name, variable.unbounded]),
      [
        ['docs', true],
        ['question', false],
      ],
    );
    assert.equal(call.callSite!.jsonMode, true);
    assert.equal(call.callSite!.retry!.bounded, false);
  });

  it('reads LangChain templates', () => {
    const chat = only(prompts, 'call:langchain:0');
    assert.deepEqual(
      chat.parts.map((part) => [part.role, part.variables.map((variable) => variable.name)]),
      [
        ['system', ['language']],
        ['user', ['chat_history']],
        ['user', ['text']],
      ],
    );
    const joke = only(prompts, 'call:langchain:1');
    assert.equal(slice(source, joke.parts[0]!.variables[0]!.range), '{topic}');
  });

  it('decodes escapes and prefixes: raw, bytes, unicode, octal, line continuation', () => {
    const text = [
      'RAW_PROMPT = r"Read the file C:\\new\\table {x}"',
      "ESCAPED_PROMPT = 'Tab\\there \\u00e9\\N{BULLET} \\101\\\nnext'",
      'BYTES_PROMPT = b"bytes prompt"',
      "FR_PROMPT = Rf'Say hello {name}\\n'",
    ].join('\n');
    const found = extractPrompts(llmFile(text), 'a.py').prompts;
    assert.deepEqual(
      found.map((prompt) => prompt.parts[0]!.text),
      ['Read the file C:\\new\\table {x}', 'Tab\there é\\N{BULLET} Anext', 'bytes prompt', 'Say hello {name}\\n'],
    );
    assert.equal(found[0]!.parts[0]!.variables[0]!.name, 'x');
    assert.equal(found[3]!.parts[0]!.variables[0]!.syntax, 'fstring');
  });

  it('keeps offsets exact after surrogate pairs, with CRLF line ends', () => {
    const text = '# 😀 emoji 😀\r\nGREETING = "hi"\r\nsystem_prompt = f"""Be kind to {user.name}.\r\nAlways."""\r\n';
    const [prompt] = extractPrompts(llmFile(text), 'a.py').prompts;
    const part = prompt!.parts[0]!;
    assert.equal(slice(text, part.range), part.text);
    assert.equal(slice(text, part.variables[0]!.range), '{user.name}');
    assert.equal(part.range.startLine, 2);
    assert.equal(part.range.startCharacter, 'system_prompt = f"""'.length);
    assert.equal(part.range.endLine, 3);
  });

  it('reads prompt-named keyword arguments and dict entries outside SDK calls, not other names', () => {
    const text = [
      'agent = Agent("openai:gpt-4o", instructions="Be concise and cite sources.")',
      'config = {"system_prompt": "You are a grader.", "system": "linux"}',
      'filesystem = "ext4"',
    ].join('\n');
    assert.deepEqual(
      extractPrompts(text, 'a.py').prompts.map((prompt) => [prompt.id, prompt.parts[0]!.text]),
      [
        ['binding:instructions:0', 'Be concise and cite sources.'],
        ['binding:system_prompt:0', 'You are a grader.'],
      ],
    );
  });

  it('bounds retry loops by visible counters', () => {
    const text = [
      'def ask(q):',
      '    for attempt in range(3):',
      '        r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])',
      '    attempts = 0',
      '    while attempts < 5:',
      '        client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": q}])',
      '    for doc in docs:',
      '        client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": doc}])',
    ].join('\n');
    const found = extractPrompts(text, 'a.py').prompts;
    assert.deepEqual(
      found.map((prompt) => prompt.callSite?.retry?.bounded),
      [true, true, undefined],
    );
  });

  it('survives unterminated strings and unbalanced brackets with a notice', () => {
    const text = 'system_prompt = "never closed\nclient.chat.completions.create(model="gpt-4o", messages=[\n';
    const result = extractPrompts(llmFile(text), 'bad.py');
    assert.ok(result.notices.some((notice) => notice.includes('unterminated string')));
    const deep = `x = ${'('.repeat(5000)}${')'.repeat(5000)}\nsystem_prompt = "Still found after deep nesting."`;
    assert.equal(
      extractPrompts(llmFile(deep), 'deep.py').prompts[0]!.parts[0]!.text,
      'Still found after deep nesting.',
    );
    for (const garbage of ['f"{', 'f"{x!', '"""', "f'{a['b']}", ')))', '((((', 'x = f"{y:{z}}"']) {
      assert.doesNotThrow(() => extractPrompts(garbage, 'x.py'));
    }
    // A backslash as the last character of an unterminated string must not carry ranges past the end of the file.
    for (const tail of [
      "ChatPromptTemplate.fromMessages([user:\n'\\",
      "system_prompt = r'\\",
      "system_prompt = '''\\",
    ]) {
      for (const prompt of extractPrompts(tail, 'x.py').prompts) {
        assert.ok(
          prompt.range.end <= tail.length && prompt.parts.every((part) => part.range.end <= tail.length),
          JSON.stringify(tail),
        );
      }
    }
  });

  it('follows each call to the assignment in its own function, and module constants defined below', () => {
    const text = [
      'def first(q):',
      '    prompt = f"First: {q}"',
      '    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])',
      '',
      'def second():',
      '    system = """Second system prompt, long enough."""',
      '    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, system=system, messages=[])',
      '',
      'def third():',
      '    prompt = "Never sent anywhere."',
      '',
      'MODEL = "gpt-4.1-nano"',
    ].join('\n');
    const found = extractPrompts(text, 'a.py').prompts;
    assert.deepEqual(
      found.map((prompt) => [prompt.id, prompt.model, prompt.parts[0]!.text]),
      [
        ['call:openai.chat:0', 'gpt-4.1-nano', 'First: {q}'],
        ['call:anthropic.messages:0', 'claude-haiku-4-5', 'Second system prompt, long enough.'],
        ['binding:prompt:0', undefined, 'Never sent anywhere.'],
      ],
    );
  });

  it('reads str.format templates, skips calls without visible arguments, reads LangChain message classes', () => {
    const text = [
      'TRANSLATE_PROMPT = "Translate {text!r} into {language:>5}, keep {{braces}}."',
      'def run(text):',
      '    client.chat.completions.create(model="gpt-4o", max_completion_tokens=99, messages=[{"role": "user", "content": TRANSLATE_PROMPT.format(text=text, language="fr")}])',
      '    client.chat.completions.create(**params)',
      '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Plain {not_a_variable}"}])',
      'chat = ChatPromptTemplate.from_messages([SystemMessage(content="You are terse."), HumanMessagePromptTemplate.from_template("{q}")])',
    ].join('\n');
    const found = extractPrompts(text, 'a.py').prompts;
    assert.deepEqual(
      found.map((prompt) => prompt.id),
      ['call:openai.chat:0', 'call:openai.chat:1', 'call:langchain:0'],
    );
    const template = found[0]!.parts[0]!;
    // A str.format template stays in its own syntax, like any other template: `{{` is not decoded.
    assert.equal(template.text, 'Translate {text!r} into {language:>5}, keep {{braces}}.');
    assert.equal(slice(text, template.range), template.text);
    assert.deepEqual(
      template.variables.map((variable) => [variable.name, variable.syntax, slice(text, variable.range)]),
      [
        ['text', 'format', '{text!r}'],
        ['language', 'format', '{language:>5}'],
      ],
    );
    assert.equal(found[0]!.maxTokens, 99);
    assert.deepEqual(found[1]!.parts[0]!.variables, []);
    assert.deepEqual(
      found[2]!.parts.map((part) => [part.role, part.text]),
      [
        ['system', 'You are terse.'],
        ['user', '{q}'],
      ],
    );
  });

  it('follows self.attribute to the class attribute', () => {
    const text = [
      'class Bot:',
      '    system_prompt: str = "You are a bot that answers briefly."',
      '    def ask(self, q):',
      '        return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": self.system_prompt}, {"role": "user", "content": q}])',
    ].join('\n');
    const found = extractPrompts(text, 'a.py').prompts;
    assert.deepEqual(
      found.map((prompt) => prompt.id),
      ['call:openai.chat:0'],
    );
    assert.equal(found[0]!.parts[0]!.text, 'You are a bot that answers briefly.');
  });

  it('follows self.attribute to a base class in the file, the class’s own attribute first', () => {
    const text = [
      'class BaseAgent:',
      '    model = "gpt-4.1"',
      '    system_prompt = "You are a careful agent."',
      'class Planner(BaseAgent):',
      '    def plan(self, goal):',
      '        return client.chat.completions.create(model=self.model, messages=[{"role": "system", "content": self.system_prompt}, {"role": "user", "content": goal}])',
      'class Critic(Planner):',
      '    def judge(self, draft):',
      '        return client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": draft}])',
      '    model = "gpt-4o-mini"',
      'class Loose(Unknown):',
      '    def go(self, q):',
      '        return client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": q}])',
    ].join('\n');
    const found = extractPrompts(text, 'agents.py').prompts;
    assert.deepEqual(
      found.map((prompt) => [prompt.model, prompt.modelSource === 'unknown']),
      [
        ['gpt-4.1', false],
        ['gpt-4o-mini', false],
        [undefined, true],
      ],
    );
    assert.equal(found[0]!.parts[0]!.text, 'You are a careful agent.');
  });

  it('joins + concatenation of literals, constants and variables, skipping trailing comments', () => {
    const text = [
      'SYSTEM = "You are terse. " + "Answer in French."  # a comment, not prompt text',
      'r = client.chat.completions.create(model="gpt-4o", max_tokens=10, messages=[{"role": "system", "content": SYSTEM + " Be kind."}, {"role": "user", "content": "Q: " + q}])',
    ].join('\n');
    const [prompt, ...rest] = extractPrompts(text, 'a.py').prompts;
    assert.equal(rest.length, 0);
    assert.equal(prompt!.maxTokens, 10);
    assert.deepEqual(
      prompt!.parts.map((part) => [part.role, part.text, part.variables.map((variable) => variable.name)]),
      [
        ['system', 'You are terse. Answer in French. Be kind.', []],
        ['user', 'Q: {q}', ['q']],
      ],
    );
  });
});
