import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable, truncate, wrapText, type TableColumn } from '../../cli/layout';
import { runCliCaptured } from '../support/cli';

const widest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

describe('CLI text layout', () => {
  describe('wrapText', () => {
    it('leaves lines that fit alone', () => assert.equal(wrapText('short\n  also short', 20), 'short\n  also short'));

    it('wraps at spaces with a hanging indent past the line’s own', () => {
      assert.equal(wrapText('  alpha beta gamma delta epsilon', 17), '  alpha beta\n      gamma delta\n      epsilon');
    });

    it('breaks a word longer than the line', () => {
      const wrapped = wrapText(`path ${'x'.repeat(30)}`, 12, 0);
      assert.equal(widest(wrapped), 12);
      assert.equal(wrapped.replace(/\s/g, ''), `path${'x'.repeat(30)}`);
    });
  });

  describe('truncate', () => {
    it('cuts the end of names and the start of paths', () => {
      assert.equal(truncate('anthropic.messages call', 10), 'anthropic…');
      assert.equal(truncate('app/summarize_thread.py:17', 14, 'start'), '…_thread.py:17');
    });
  });

  describe('formatTable', () => {
    const columns: TableColumn[] = [
      { title: 'NAME', align: 'left', cut: 'end' },
      { title: 'N', align: 'right' },
      { title: 'NOTE', align: 'left', cut: 'wrap' },
    ];
    const rows = [
      ['a-rather-long-model-name', '1,204', 'tools reasoning vision json'],
      ['short', '7', 'tools'],
    ];

    it('is the natural table when it fits', () => {
      assert.equal(
        formatTable(columns, rows, 200),
        [
          'NAME                          N  NOTE',
          'a-rather-long-model-name  1,204  tools reasoning vision json',
          'short                         7  tools',
        ].join('\n'),
      );
    });

    it('wraps the prose column first, then cuts the widest cuttable column, never wider than asked', () => {
      const narrow = formatTable(columns, rows, 53);
      assert.equal(
        narrow,
        [
          'NAME                          N  NOTE',
          'a-rather-long-model-name  1,204  tools reasoning',
          '                                 vision json',
          'short                         7  tools',
        ].join('\n'),
      );
      const narrower = formatTable(columns, rows, 40);
      assert.ok(widest(narrower) <= 40, narrower);
      assert.match(narrower, /^a-rather-l… +1,204 +tools reasoning$/m);
    });
  });

  describe('commands', function () {
    this.timeout(60_000);
    let dir: string;
    const cli = async (args: string[], columns?: number) => {
      const { code, stdout, stderr } = await runCliCaptured(args, { cwd: dir, columns });
      assert.equal(code, 0, stderr);
      return stdout;
    };

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'tokenwise-layout-'));
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, 'src'));
      writeFileSync(
        join(dir, 'src', 'summarize_customer_support_conversation_thread.ts'),
        `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export const summarize = (history: string) =>
  client.messages.create({ model: 'claude-opus-4-1', system: 'Summarise the support conversation for the next agent in three bullet points: the problem, what was tried, what is left.  ', messages: [{ role: 'user', content: history }] });
`,
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const columns of [undefined, 60, 132]) {
      const width = columns ?? 100;
      it(`keeps every text line within ${width} columns${columns === undefined ? ' (no terminal)' : ''}`, async () => {
        for (const args of [
          ['audit'],
          ['audit', '--rules'],
          ['models'],
          [
            'cost',
            'src/summarize_customer_support_conversation_thread.ts',
            '--model',
            'claude-opus-4-1',
            '--static-prefix',
            '10',
          ],
        ]) {
          const text = await cli(args, columns);
          assert.ok(widest(text) <= width, `tokenwise ${args.join(' ')} at ${width} columns:\n${text}`);
        }
      });
    }

    it('lists each prompt as a record when the table does not fit, losing none of its cells', async () => {
      const wide = await cli(['audit'], 250);
      const narrow = await cli(['audit'], 100);
      assert.match(wide, /^PROMPT +FILE:LINE/m);
      assert.doesNotMatch(narrow, /^PROMPT +FILE:LINE/m);
      assert.match(narrow, /^anthropic\.messages call {2}src\/summarize_customer_support_conversation_thread\.ts:4$/m);
      // A record's line wraps with a deeper indent when it is longer than the width.
      assert.match(
        narrow.replace(/\n {8}/g, ' '),
        /^ {4}≈?[\d,]+ tokens · ≈?\$[\d.]+\/call · ≈?\$[\d,.]+\/month · [\d,]+( default)? calls\/day · claude-opus-4-1 · score \d+ · findings .+$/m,
      );
      assert.match(narrow, /^ {4}cheaper tier: claude-\S+ −\d+% \(\$[\d,.]+\/mo\)$/m);
    });

    it('leaves JSON as it is, whatever the width', async () => {
      for (const args of [
        ['audit', '--format', 'json'],
        ['models', '--format', 'json'],
      ]) {
        assert.equal(await cli(args, 40), await cli(args, 500));
      }
    });
  });
});
