import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPrompts } from '../../../core';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const ids = (text: string, file: string) => extractPrompts(text, file).prompts.map((prompt) => prompt.promptId);

describe('prompt identity', () => {
  it('names TypeScript prompts by their enclosing class, method, object, function or variable', () => {
    // Braces inside strings, template literals and a regular expression must not shift the scopes.
    assert.deepEqual(ids(fixture('identity.ts.txt'), 'src/bot.ts'), [
      'src/bot.ts#Triage.run',
      'src/bot.ts#Triage.helper',
      'src/bot.ts#handlers.draft/openai.chat',
      'src/bot.ts#handlers.draft/openai.chat~2',
      'src/bot.ts#twice/openai.chat',
      'src/bot.ts#twice/openai.chat~2',
      'src/bot.ts#reply',
      'src/bot.ts#openai.chat',
    ]);
  });

  it('names Python prompts by def and class, whatever the indentation inside their strings', () => {
    assert.deepEqual(ids(fixture('identity.py.txt'), 'app/bot.py'), [
      'app/bot.py#Bot.ask',
      'app/bot.py#Bot.other',
      'app/bot.py#top',
    ]);
  });

  it('names a module-level prompt by its variable', () => {
    const source = "export const SYSTEM_PROMPT = 'You are the billing assistant. Answer in two sentences at most.';\n";
    assert.deepEqual(ids(source, 'src/prompts.ts'), ['src/prompts.ts#SYSTEM_PROMPT']);
    const python =
      'from langchain_core.prompts import ChatPromptTemplate\nescalation = ChatPromptTemplate.from_messages([("system", "Decide whether to escalate."), ("human", "{ticket}")])\n';
    assert.deepEqual(ids(python, 'app/chains.py'), ['app/chains.py#escalation']);
  });

  it("uses a prompt file's front-matter name, else its path", () => {
    assert.deepEqual(
      ids(
        '---\nname: support-reply\nmodel: gpt-4o\n---\nAnswer the ticket kindly: {{ticket}}\n',
        'prompts/reply.prompt',
      ),
      ['support-reply'],
    );
    assert.deepEqual(ids('Write release notes for {{changes}}.\n', 'prompts/release-notes.md'), [
      'prompts/release-notes.md',
    ]);
  });

  it('stays the same when lines move and the text changes, and changes when the prompt moves to another function', () => {
    const source = fixture('identity.ts.txt');
    const before = ids(source, 'src/bot.ts');
    const edited = `// a header comment\n\nimport { z } from 'zod';\n${source}`.replace(
      'Sort: ${ticket}',
      'Sort this support ticket into one of four labels: ${ticket}',
    );
    assert.deepEqual(ids(edited, 'src/bot.ts'), before);
    const moved = source.replace('async run(ticket: string)', 'async classify(ticket: string)');
    assert.equal(ids(moved, 'src/bot.ts')[0], 'src/bot.ts#Triage.classify');
  });
});
