import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { extractPrompts, LineIndex, type TextRange } from '../../../core';

// Fragments that stress the scanners: every quote and template form, escapes, braces, comments, line ends,
// surrogate pairs, and the call and binding shapes extraction looks for.
const fragments = [
  "'",
  '"',
  '`',
  '"""',
  "'''",
  '${',
  '}',
  '{',
  '{{',
  '}}',
  '{%',
  '%}',
  '{#',
  '#}',
  '\\',
  '\\n',
  '\\u{1F600}',
  '\\x41',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '😀',
  '#',
  '//',
  '/*',
  '*/',
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  '+',
  'f"',
  "r'",
  'rb"',
  'client.chat.completions.create(',
  'client.messages.create(',
  'client.responses.create(',
  'generateText(',
  'ChatPromptTemplate.fromMessages([',
  'PromptTemplate.from_template(',
  'model: ',
  'model=',
  "'gpt-4o'",
  'max_tokens: 5',
  'messages: [',
  "{ role: 'system', content: ",
  'SYSTEM_PROMPT = ',
  'const prompt = ',
  'system_prompt=',
  '---\n',
  'model: gpt-4o\n',
  'system:\n',
  'user:\n',
  '{% for x in history %}',
  '{% endfor %}',
  '{{#each docs}}',
  '{{/each}}',
  'while True:\n',
  'for (;;) {',
  '    ',
  'x',
  'history',
  '.join(',
  "'\\n'",
  'def f():\n',
  'lambda: ',
  '**kw',
  '...rest',
];

const files = ['a.ts', 'a.tsx', 'a.js', 'a.py', 'a.prompty', 'a.prompt', 'a.j2', 'a.hbs', 'a.liquid', 'prompts/a.md'];

function assertRange(source: string, lines: LineIndex, range: TextRange, what: string): void {
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= source.length, `${what} out of bounds`);
  assert.deepEqual(lines.range(range.start, range.end), range, `${what} line/character`);
}

describe('extractPrompts: robustness on arbitrary input', () => {
  it('never throws or fails internally, and every range lies in the file with editor positions', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { maxLength: 40 }),
        fc.constantFrom(...files),
        (pieces, file) => {
          const source = pieces.join('');
          const result = extractPrompts(source, file);
          assert.ok(
            !result.notices.some((notice) => notice.includes('could not extract prompts')),
            result.notices.join('\n'),
          );
          const lines = new LineIndex(source);
          for (const prompt of result.prompts) {
            assertRange(source, lines, prompt.range, 'prompt');
            for (const part of prompt.parts) {
              assertRange(source, lines, part.range, 'part');
              for (const variable of part.variables) assertRange(source, lines, variable.range, 'variable');
            }
            if (prompt.callSite) {
              assertRange(source, lines, prompt.callSite.argumentsRange, 'arguments');
              if (prompt.callSite.modelRange)
                assert.equal(
                  source.slice(prompt.callSite.modelRange.start, prompt.callSite.modelRange.end),
                  prompt.callSite.model,
                );
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives the same ids when unrelated code changes above the prompts', () => {
    const body =
      "const a = client.chat.completions.create({ model: 'gpt-4o', messages: [] });\nconst systemPrompt = 'Be brief, please.';";
    const ids = (text: string) => extractPrompts(text, 'a.ts').prompts.map((prompt) => prompt.id);
    assert.deepEqual(ids(body), ids(`import x from 'y';\n\n// a note\n${body}`));
  });
});
