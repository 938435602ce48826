import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { auditText, LineIndex, type TextRange } from '../../../core';

// Prompt-shaped fragments in every language the audit reads, with the material the rules look for: secrets, emails,
// JSON, base64, blank-line runs, repeated sentences, unbounded variables, retry loops and model ids.
const fragments = [
  "'",
  '"',
  '`',
  '"""',
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
  '\n',
  '\r\n',
  ' ',
  '   \n',
  '\n\n\n',
  '😀',
  '#',
  '//',
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  'f"',
  'client.chat.completions.create(',
  'client.messages.create(',
  'generateText(',
  'model: ',
  'model=',
  "'gpt-4o'",
  "'gpt-4.1'",
  "'claude-opus-4-1'",
  'max_tokens: 5',
  'messages: [',
  "{ role: 'system', content: ",
  'const prompt = ',
  'system_prompt = ',
  '---\n',
  'model: gpt-4o\n',
  'system:\n',
  'user:\n',
  '{{ history }}',
  '${history}',
  '{documents}',
  'while (true) {',
  'while True:\n',
  'Reply with one word only. ',
  'sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000',
  'ada@acme-corp.io',
  '+44 20 7946 0958',
  '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}',
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==AAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'Examples:\n',
  '<examples>',
  '</examples>',
  '# tokenwise-disable-next-line\n',
  '// tokenwise-disable-next-line secret-in-prompt\n',
];
const files = ['a.ts', 'a.py', 'a.prompty', 'a.prompt', 'a.j2', 'a.liquid', 'prompts/a.md'];

function assertRange(source: string, lines: LineIndex, range: TextRange, what: string): void {
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= source.length, `${what} out of bounds`);
  assert.deepEqual(lines.range(range.start, range.end), range, `${what} line/character`);
}

describe('auditText: robustness on arbitrary input', () => {
  it('never throws, keeps every finding and fix edit inside the file, and scores 0–100', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { maxLength: 30 }),
        fc.constantFrom(...files),
        (pieces, file) => {
          const source = pieces.join('');
          const result = auditText(source, file);
          const lines = new LineIndex(source);
          for (const finding of result.findings) {
            assertRange(source, lines, finding.range, finding.ruleId);
            const edits = [...(finding.fix?.edits ?? [])].sort((a, b) => a.range.start - b.range.start);
            edits.forEach((edit, i) => {
              assertRange(source, lines, edit.range, `${finding.ruleId} fix`);
              // An editor applies all edits of a fix at once: they must not overlap.
              if (i > 0) assert.ok(edits[i - 1]!.range.end <= edit.range.start, `${finding.ruleId} fix edits overlap`);
            });
            assert.ok(
              finding.tokens === undefined || (Number.isInteger(finding.tokens) && finding.tokens >= 0),
              `${finding.ruleId} tokens`,
            );
          }
          for (const report of result.prompts)
            assert.ok(report.score >= 0 && report.score <= 100 && Number.isInteger(report.score));
        },
      ),
      { numRuns: 400 },
    );
  });
});
