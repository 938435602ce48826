import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPrompts, LineIndex, type ExtractedPrompt, type TextRange } from '../../../core';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
/** The source as part of a file that talks to a model (appended, so offsets stay put): prompt-named text there
 * needs only two words of prose. */
const llmFile = (text: string) => `${text}\n// sent to the llm\n`;

function slice(source: string, range: TextRange): string {
  return source.slice(range.start, range.end);
}

/** Each range's line/character must be what an editor computes for its offsets. */
function assertPositions(source: string, range: TextRange): void {
  const lines = new LineIndex(source);
  assert.deepEqual(lines.range(range.start, range.end), range);
  const before = source.slice(0, range.start).split(/\r\n|\n|\r/);
  assert.equal(range.startLine, before.length - 1);
  assert.equal(range.startCharacter, before[before.length - 1]!.length);
}

function only(prompts: ExtractedPrompt[], id: string): ExtractedPrompt {
  const found = prompts.find((prompt) => prompt.id === id);
  assert.ok(found, `no prompt ${id} among ${prompts.map((prompt) => prompt.id).join(', ')}`);
  return found;
}

describe('extractPrompts: TypeScript and JavaScript', () => {
  const source = fixture('support-bot.ts.txt');
  const { prompts, notices } = extractPrompts(source, 'src/support-bot.ts');

  it('finds each SDK call once, and nothing in comments or strings', () => {
    assert.deepEqual(notices, []);
    assert.deepEqual(
      prompts.map((prompt) => prompt.id),
      [
        'call:openai.chat:0',
        'call:anthropic.messages:0',
        'call:openai.responses:0',
        'call:ai-sdk:0',
        'call:ai-sdk:1',
        'call:ai-sdk:2',
      ],
    );
    assert.ok(!JSON.stringify(prompts).includes('fake-in'));
  });

  it('reads an OpenAI chat call: roles, a followed constant, few-shot pair, spread history, model and cap', () => {
    const chat = only(prompts, 'call:openai.chat:0');
    assert.deepEqual(
      chat.parts.map((part) => part.role),
      ['system', 'user', 'assistant', 'user', 'user'],
    );
    const [system, example, reply, history, question] = chat.parts;
    assert.equal(system!.text, 'You are the support assistant of Acme.\nAnswer in two sentences at most.');
    assert.equal(slice(source, system!.range), system!.text);
    assert.equal(example!.fewShot, true);
    assert.equal(reply!.fewShot, true);
    assert.equal(question!.fewShot, undefined);
    assert.equal(history!.variables[0]!.name, 'history');
    assert.equal(history!.variables[0]!.unbounded, true);
    assert.equal(question!.text, 'Customer question: ${question}');
    assert.equal(slice(source, question!.variables[0]!.range), '${question}');
    assert.equal(question!.variables[0]!.unbounded, false);
    assert.equal(chat.model, 'gpt-4o');
    assert.equal(slice(source, chat.callSite!.modelRange!), 'gpt-4o');
    assert.equal(chat.maxTokens, 300);
    assert.equal(slice(source, chat.callSite!.maxTokensRange!), '300');
    assert.ok(slice(source, chat.callSite!.argumentsRange).startsWith('{\n    model: MODEL'));
    assert.ok(slice(source, chat.callSite!.range).startsWith('client.chat.completions.create('));
    assert.equal(chat.callSite!.retry, undefined);
    for (const part of chat.parts) assertPositions(source, part.range);
  });

  it('does not report a prompt constant again when a call uses it', () => {
    assert.ok(!prompts.some((prompt) => prompt.name === 'SYSTEM_PROMPT'));
  });

  it('reads an Anthropic call: system blocks, images, tools, an unbounded retry loop', () => {
    const call = only(prompts, 'call:anthropic.messages:0');
    assert.deepEqual(
      call.parts.map((part) => [part.role, part.text]),
      [
        ['system', 'Describe images for alt text.'],
        ['user', 'Describe this picture.'],
      ],
    );
    assert.equal(call.model, 'claude-sonnet-4-5');
    assert.equal(call.maxTokens, 1024);
    assert.equal(call.callSite!.hasImages, true);
    assert.equal(call.callSite!.usesTools, true);
    assert.equal(call.callSite!.retry!.bounded, false);
    assert.ok(slice(source, call.callSite!.retry!.range).startsWith('while (true)'));
  });

  it('reads a Responses call: instructions, input, JSON format, a bounded retry helper', () => {
    const call = only(prompts, 'call:openai.responses:0');
    assert.deepEqual(
      call.parts.map((part) => [part.role, part.text]),
      [
        ['system', 'Classify the ticket as billing, bug or other.'],
        ['user', '${ticket}'],
      ],
    );
    assert.equal(call.maxTokens, 20);
    assert.equal(call.callSite!.jsonMode, true);
    assert.equal(call.callSite!.retry!.bounded, true);
    assert.ok(slice(source, call.callSite!.retry!.range).startsWith('pRetry('));
  });

  it('reads AI SDK calls: provider functions, gateway ids, concatenation, generateObject as JSON', () => {
    const [summary, stream, object] = ['call:ai-sdk:0', 'call:ai-sdk:1', 'call:ai-sdk:2'].map((id) =>
      only(prompts, id),
    );
    assert.equal(summary!.model, 'gpt-4o-mini');
    assert.equal(slice(source, summary!.callSite!.modelRange!), 'gpt-4o-mini');
    assert.equal(summary!.parts[0]!.text, 'Summarize the documents.');
    const docs = summary!.parts[1]!.variables[0]!;
    assert.equal(docs.name, 'docs');
    assert.equal(docs.unbounded, true);
    assert.equal(stream!.model, 'claude-haiku-4-5');
    assert.equal(slice(source, stream!.callSite!.modelRange!), 'claude-haiku-4-5');
    assert.equal(stream!.maxTokens, 50);
    assert.equal(object!.callSite!.jsonMode, true);
    assert.equal(summary!.callSite!.jsonMode, false);
  });

  it('decodes escapes, and keeps ranges exact after surrogate pairs and CRLF line ends', () => {
    const text =
      "// 😀😀 emoji first\r\nconst prompt = 'Tab\\there \\u{1F600} \\'quoted\\'';\r\nconst systemPrompt = `A \\` tick, \\${not} a variable, ${real}\r\nnext`;\r\n";
    const result = extractPrompts(llmFile(text), 'a.ts');
    const [first, second] = result.prompts;
    assert.equal(first!.parts[0]!.text, "Tab\there 😀 'quoted'");
    assert.equal(slice(text, first!.parts[0]!.range), "Tab\\there \\u{1F600} \\'quoted\\'");
    // A template literal's CRLF reaches the program as LF, so that is the text sent.
    assert.equal(second!.parts[0]!.text, 'A ` tick, ${not} a variable, ${real}\nnext');
    assert.deepEqual(
      second!.parts[0]!.variables.map((variable) => variable.name),
      ['real'],
    );
    assert.equal(slice(text, second!.parts[0]!.variables[0]!.range), '${real}');
    assert.equal(second!.parts[0]!.role, 'system');
    for (const prompt of result.prompts) {
      assertPositions(text, prompt.range);
      assertPositions(text, prompt.parts[0]!.range);
    }
    assert.equal(first!.range.startLine, 1);
    assert.equal(second!.parts[0]!.range.endLine, 3);
  });

  it('keeps nested templates inside their placeholder', () => {
    const text = 'const prompt = `Answer ${formal ? `politely, ${name}` : `casually`} now.`;';
    const part = extractPrompts(llmFile(text), 'a.js').prompts[0]!.parts[0]!;
    assert.equal(part.text, 'Answer ${formal ? `politely, ${name}` : `casually`} now.');
    assert.deepEqual(
      part.variables.map((variable) => [variable.name, slice(text, variable.range)]),
      [['formal', '${formal ? `politely, ${name}` : `casually`}']],
    );
  });

  it('joins string arrays and concatenations, following same-file constants', () => {
    const text = [
      "const RULES = 'Be kind.';",
      "const instructions = ['You are a tutor.', RULES, `Level: ${level}`].join('\\n');",
      "const userPrompt = 'Question: ' + question + '\\nThanks';",
    ].join('\n');
    const { prompts: found } = extractPrompts(llmFile(text), 'a.mjs');
    assert.equal(found[0]!.parts[0]!.text, 'You are a tutor.\nBe kind.\nLevel: ${level}');
    assert.equal(found[0]!.parts[0]!.role, 'system');
    assert.equal(found[1]!.parts[0]!.text, 'Question: ${question}\nThanks');
    assert.equal(found[1]!.parts[0]!.role, 'user');
  });

  it('reports prompt-named properties, class fields and builders, not unrelated names', () => {
    const text = [
      "const fileSystem = 'ext4';",
      "const systemName = 'linux';",
      "const agent = { systemMessage: 'You answer questions about invoices.' };",
      'class Bot { instructions = "Reply in French."; }',
      'export const buildPrompt = (topic: string) => `Write about ${topic}.`;',
      "const greeting = 'Hello there, friend';",
    ].join('\n');
    const found = extractPrompts(llmFile(text), 'a.ts').prompts;
    assert.deepEqual(
      found.map((prompt) => prompt.id),
      ['binding:systemMessage:0', 'binding:instructions:0', 'binding:buildPrompt:0'],
    );
    assert.equal(found[2]!.parts[0]!.variables[0]!.name, 'topic');
  });

  it('finds mustache placeholders in static prompt constants', () => {
    const text = "const PROMPT = 'Summarize {{documents}} for {{ audience }}.';";
    const part = extractPrompts(llmFile(text), 'a.ts').prompts[0]!.parts[0]!;
    assert.deepEqual(
      part.variables.map((variable) => [variable.name, variable.syntax, slice(text, variable.range)]),
      [
        ['documents', 'mustache', '{{documents}}'],
        ['audience', 'mustache', '{{ audience }}'],
      ],
    );
    assert.equal(part.variables[0]!.unbounded, true);
  });

  it('reads LangChain templates with {variables} and placeholders', () => {
    const text = [
      'const chat = ChatPromptTemplate.fromMessages([',
      "  ['system', 'You translate into {language}. Use {{braces}} literally.'],",
      "  new MessagesPlaceholder('chat_history'),",
      "  ['human', '{input}'],",
      ']);',
      "const single = PromptTemplate.fromTemplate('Tell a joke about {topic}');",
    ].join('\n');
    const found = extractPrompts(text, 'a.ts').prompts;
    assert.deepEqual(
      found.map((prompt) => prompt.id),
      ['call:langchain:0', 'call:langchain:1'],
    );
    const [system, history, input] = found[0]!.parts;
    assert.deepEqual(
      system!.variables.map((variable) => variable.name),
      ['language'],
    );
    assert.equal(slice(text, system!.variables[0]!.range), '{language}');
    assert.equal(history!.variables[0]!.name, 'chat_history');
    assert.equal(history!.variables[0]!.unbounded, true);
    assert.equal(input!.role, 'user');
    assert.equal(found[1]!.parts[0]!.role, 'template');
    assert.equal(found[1]!.parts[0]!.variables[0]!.syntax, 'langchain');
  });

  it('ignores look-alike calls that are not LLM requests', () => {
    const text =
      "await prisma.messages.create({ data: { body: 'hi' } });\nawait client.chat.completions.create(options);";
    assert.deepEqual(extractPrompts(text, 'a.ts').prompts, []);
  });

  it('reads a minified one-line file', () => {
    const text =
      'var c=new OpenAI;async function f(q){for(let i=0;i<3;i++){try{return await c.chat.completions.create({model:"gpt-4o-mini",messages:[{role:"system",content:"Be brief."},{role:"user",content:q}]})}catch(e){}}}';
    const [call] = extractPrompts(text, 'bundle.min.js').prompts;
    assert.equal(call!.model, 'gpt-4o-mini');
    assert.deepEqual(
      call!.parts.map((part) => part.text),
      ['Be brief.', '${q}'],
    );
    assert.equal(call!.callSite!.retry!.bounded, true);
    assert.equal(slice(text, call!.callSite!.modelRange!), 'gpt-4o-mini');
  });

  it('turns syntax errors into notices and never throws', () => {
    const text = "const systemPrompt = 'Be helpful.';\nfunction broken( {\nconst other = ";
    const result = extractPrompts(text, 'broken.ts');
    assert.ok(result.notices.length > 0);
    assert.match(result.notices[0]!, /broken\.ts/);
    for (const garbage of [
      '\u0000\u0001\u0002',
      '`unterminated ${',
      '<<<<<<< HEAD\nconst prompt = "a"\n=======\n',
      ')]}',
    ]) {
      assert.doesNotThrow(() => extractPrompts(garbage, 'x.tsx'));
    }
  });

  it('reads JSX files and TypeScript generics without confusing them', () => {
    const tsx =
      "const systemPrompt = 'You write UI copy.';\nexport const View = () => <div title={systemPrompt}>hi</div>;";
    assert.equal(extractPrompts(llmFile(tsx), 'a.tsx').prompts.length, 1);
    const ts = "const instructions = <string>'Answer with a number.';\nconst x = f<number>(1);";
    assert.equal(extractPrompts(llmFile(ts), 'a.ts').prompts[0]!.parts[0]!.text, 'Answer with a number.');
  });

  it('reads tagged templates: dedent tags, String.raw', () => {
    const text = [
      'const systemPrompt = dedent`',
      '    You are a reviewer.',
      '      Be specific about ${area}.',
      '  `;',
      'const rawPrompt = String.raw`Open the folder C:\\\\new ${dir}`;',
    ].join('\n');
    const [dedentedPrompt, rawPrompt] = extractPrompts(llmFile(text), 'a.ts').prompts;
    assert.equal(dedentedPrompt!.parts[0]!.text, 'You are a reviewer.\n  Be specific about ${area}.');
    assert.equal(rawPrompt!.parts[0]!.text, 'Open the folder C:\\\\new ${dir}');
  });

  it('follows each call to the constant in its own scope', () => {
    const text = [
      "const MODEL = 'gpt-4o';",
      'function a() {',
      "  const prompt = 'First prompt.';",
      '  return client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: prompt }] });',
      '}',
      'function b() {',
      "  const MODEL = 'gpt-4o-mini';",
      "  const prompt = 'Second prompt.';",
      '  return client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: prompt }] });',
      '}',
      "function c() { const prompt = 'Unused prompt.'; }",
    ].join('\n');
    const found = extractPrompts(text, 'a.ts').prompts;
    assert.deepEqual(
      found.map((prompt) => [prompt.id, prompt.model, prompt.parts[0]!.text]),
      [
        ['call:openai.chat:0', 'gpt-4o', 'First prompt.'],
        ['call:openai.chat:1', 'gpt-4o-mini', 'Second prompt.'],
        ['binding:prompt:0', undefined, 'Unused prompt.'],
      ],
    );
  });

  it('reads request objects held in constants, content blocks with images, developer roles and prefills', () => {
    const text = [
      'const request = {',
      "  model: 'gpt-4.1',",
      "  input: [{ role: 'developer', content: 'Be exact.' }, { role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: url }] }],",
      '  max_output_tokens: 64,',
      '};',
      'await client.responses.create(request);',
      'await anthropic.messages.create({',
      "  model: 'claude-sonnet-4-5', max_tokens: 50,",
      "  messages: [{ role: 'user', content: 'Name a colour.' }, { role: 'assistant', content: 'The colour is' }],",
      '});',
      "await streamText({ model: openai.chat('gpt-4o'), messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image', image: data }] }], tools: { search } });",
    ].join('\n');
    const [responses, prefill, stream] = extractPrompts(text, 'a.ts').prompts;
    assert.deepEqual(
      responses!.parts.map((part) => [part.role, part.text]),
      [
        ['developer', 'Be exact.'],
        ['user', 'What is this?'],
      ],
    );
    assert.equal(responses!.callSite!.hasImages, true);
    assert.equal(responses!.maxTokens, 64);
    assert.ok(slice(text, responses!.callSite!.range).startsWith('client.responses.create(request)'));
    assert.deepEqual(
      prefill!.parts.map((part) => part.fewShot),
      [undefined, undefined],
    );
    assert.equal(stream!.model, 'gpt-4o');
    assert.equal(stream!.callSite!.hasImages, true);
    assert.equal(stream!.callSite!.usesTools, true);
  });

  it('reads LangChain message classes', () => {
    const text = [
      'const chat = ChatPromptTemplate.fromMessages([',
      "  SystemMessagePromptTemplate.fromTemplate('You are {role}.'),",
      "  new HumanMessage('Hi there'),",
      "  new AIMessage('Hello! How can I help?'),",
      "  HumanMessagePromptTemplate.fromTemplate('{question}'),",
      ']);',
    ].join('\n');
    const [chat] = extractPrompts(text, 'a.ts').prompts;
    assert.deepEqual(
      chat!.parts.map((part) => [part.role, part.fewShot ?? false]),
      [
        ['system', false],
        ['user', true],
        ['assistant', true],
        ['user', false],
      ],
    );
    assert.equal(chat!.parts[0]!.variables[0]!.name, 'role');
  });

  it('reads older SDK spellings: openai.createChatCompletion and experimental_streamText', () => {
    const text = [
      "const a = await openai.createChatCompletion({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'Hi' }] });",
      'export async function POST(req: Request) {',
      '  const { messages } = await req.json();',
      "  return experimental_streamText({ model: openai('gpt-4-turbo'), messages });",
      '}',
    ].join('\n');
    const [legacy, route] = extractPrompts(text, 'route.ts').prompts;
    assert.equal(legacy!.callSite!.api, 'openai.chat');
    assert.equal(route!.callSite!.api, 'ai-sdk');
    assert.equal(route!.parts[0]!.variables[0]!.name, 'messages');
    assert.equal(route!.parts[0]!.variables[0]!.unbounded, true);
  });

  it('follows let and var declarations only when they are never assigned again', () => {
    const text = [
      "let systemPrompt = 'You are a helpful bot.';",
      "var model = 'gpt-4o-mini';",
      "let userPrompt = 'Question: ';",
      'userPrompt += question;',
      'client.chat.completions.create({ model, messages: [{ role: "system", content: systemPrompt }, { role: "user", content: userPrompt }] });',
    ].join('\n');
    const found = extractPrompts(text, 'a.js').prompts;
    // `userPrompt += question` is a builder: its appends join the declared text, so the call reads it whole.
    assert.deepEqual(
      found.map((prompt) => prompt.id),
      ['call:openai.chat:0'],
    );
    const call = found[0]!;
    assert.equal(call.model, 'gpt-4o-mini');
    assert.deepEqual(
      call.parts.map((part) => part.text),
      ['You are a helpful bot.', 'Question: ${question}'],
    );
  });

  it('reads the AI SDK messages form with its roles, model and output cap', () => {
    const text =
      "const r = streamText({ model: openai('gpt-4o'), messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: q }], maxOutputTokens: 100 });";
    const [prompt] = extractPrompts(text, 'a.ts').prompts;
    assert.equal(prompt!.id, 'call:ai-sdk:0');
    assert.equal(prompt!.model, 'gpt-4o');
    assert.equal(prompt!.maxTokens, 100);
    assert.deepEqual(
      prompt!.parts.map((part) => [part.role, part.text]),
      [
        ['system', 'You are terse.'],
        ['user', '${q}'],
      ],
    );
  });
});
