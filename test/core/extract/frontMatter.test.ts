import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { readSimpleYaml } from '../../../core/extract/frontMatter';

describe('front matter fast reader', () => {
  it('reads the usual Prompty and Dotprompt front matter without the YAML library', () => {
    const prompty = [
      'name: Support answer',
      '# a comment',
      'model:',
      '  api: chat',
      '  configuration:',
      '    type: azure_openai',
      "    azure_deployment: 'gpt-4o-mini'",
      '  parameters:',
      '    max_tokens: 400',
      '    temperature: .2',
      'sample:',
      '  question: "Where is my parcel?\\n"',
      '  empty:',
    ].join('\n');
    const fast = readSimpleYaml(prompty);
    assert.deepEqual(fast, parse(prompty));
    assert.deepEqual(readSimpleYaml('model: googleai/gemini-2.5-flash\r\nconfig:\r\n  maxOutputTokens: 200'), {
      model: 'googleai/gemini-2.5-flash',
      config: { maxOutputTokens: 200 },
    });
  });

  it('leaves everything outside its subset to the YAML library', () => {
    for (const text of [
      'tags: [a, b]',
      'items:\n  - a',
      'text: |\n  block',
      'a: &x 1',
      'a: b # comment',
      '"quoted": 1',
      'a: 1\na: 2',
      'a:\tb',
      'a: b\n  c: d',
      '',
    ]) {
      assert.equal(readSimpleYaml(text), undefined, text);
    }
  });

  it('agrees with the YAML library on every document it reads', function () {
    this.timeout(60_000);
    const key = fc.constantFrom('model', 'name', 'api', 'a', 'max_tokens', 'b-c', 'd.e', 'null', 'yes', 'on', 'true');
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'gpt-4o',
        'a: b',
        'x #y',
        '#z',
        '- a',
        "it's",
        '"q"',
        '~',
        'True',
        'NULL',
        '1_000',
        '0x1F',
        '0o7',
        '.inf',
        '1e3',
        '+1',
        '01',
        '1.',
        '-.5',
        'a:',
        '@x',
        '[x]',
        '%',
      ),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const document = fc.letrec((tie) => ({
      map: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, scalar, tie('map')), { maxKeys: 4 }),
    })).map;
    fc.assert(
      fc.property(document, fc.boolean(), (value, raw) => {
        const text = raw
          ? Object.entries(value)
              .map(([k, v]) => `${k}: ${typeof v === 'object' ? '' : String(v)}`)
              .join('\n')
          : stringify(value);
        const fast = readSimpleYaml(text);
        if (fast === undefined) return;
        assert.deepEqual(fast, parse(text), text);
      }),
      { numRuns: 2000 },
    );
  });
});
