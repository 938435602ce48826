// One number: every example under examples/ and the generated prompt set, opened in the editor, show in their lens,
// hover and status bar the count and cost `tokenwise audit --format json` (the built CLI, run on the same files with
// the same policy) gives them, with an assumed model labelled alike; the hover's lines add up to its total.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { formatUsd } from '../../../core';
import { generatePromptSet } from '../../support/promptSet';
import {
  closeAll,
  extensionApi,
  hoverText,
  lensTitles,
  openFixture,
  setSetting,
  until,
  workspaceRoot,
} from './helpers';

interface CliPrompt {
  id: string;
  kind: string;
  range: { start: number; end: number; startLine: number; startCharacter: number };
  model: string;
  modelAssumed: boolean;
  tokens: { tokens: number; exact: boolean };
  cost: { perCall: number; perMonth: number };
}

const folder = 'faces';
const thousands = (n: number) => n.toLocaleString('en-US');
const tokensText = (prompt: CliPrompt) => `${prompt.tokens.exact ? '' : '≈ '}${thousands(prompt.tokens.tokens)} tok`;
const modelText = (prompt: CliPrompt) =>
  prompt.modelAssumed ? `assumed ${prompt.model} (model unknown)` : prompt.model;

describe('one number in the editor', function () {
  this.timeout(300_000);
  let expected: { file: string; prompts: CliPrompt[]; anchors: Map<string, vscode.Position> }[] = [];
  let cacheHome: string;

  before(async () => {
    await extensionApi();
    const root = process.env.TOKENWISE_E2E_ROOT ?? process.cwd();
    const target = join(workspaceRoot, folder);
    cpSync(join(root, 'examples'), target, { recursive: true });
    for (const file of generatePromptSet().files) {
      mkdirSync(dirname(join(target, file.path)), { recursive: true });
      writeFileSync(join(target, file.path), file.text);
    }
    await setSetting('policyFile', `${folder}/tokenwise.config.yaml`);
    // The CLI with no saved prices, as the extension prices with the bundled ones.
    cacheHome = mkdtempSync(join(tmpdir(), 'tokenwise-faces-cache-'));
    const json = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'audit', folder, '--format', 'json'], {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', XDG_CACHE_HOME: cacheHome },
    });
    const files = (
      JSON.parse(json) as { files: { file: string; prompts: (CliPrompt & { range: CliPrompt['range'] })[] }[] }
    ).files;
    expected = files
      .filter((file) => file.prompts.length > 0)
      .map((file) => ({ file: file.file, prompts: file.prompts, anchors: new Map() }));
    assert.ok(expected.length >= 30, `files with prompts: ${expected.length}`);
  });
  after(async () => {
    await setSetting('policyFile', undefined);
    rmSync(join(workspaceRoot, folder), { recursive: true, force: true });
    rmSync(cacheHome, { recursive: true, force: true });
  });
  afterEach(closeAll);

  it("shows the CLI's count and cost of every prompt in its report, lens, hover and status bar", async () => {
    const api = await extensionApi();
    for (const { file, prompts } of expected) {
      const editor = await openFixture(file);
      const document = editor.document;
      const analysis = await until(`the analysis of ${file}`, async () => {
        const result = await api.analysisOf(document);
        return result.state === 'ready' && result.audit.prompts.length === prompts.length && result;
      });
      const titles = await until(`the lenses of ${file}`, async () => {
        const all = await lensTitles(document.uri);
        return all.filter((title) => title.includes(' tok · ')).length === prompts.length && all;
      });
      for (const prompt of prompts) {
        const report = analysis.audit.prompts.find((r) => r.prompt.id === prompt.id);
        assert.ok(report, `${file} ${prompt.id}`);
        assert.deepEqual(
          [report.model, report.modelAssumed, report.tokens.tokens, report.cost?.perCall, report.cost?.perMonth],
          [prompt.model, prompt.modelAssumed, prompt.tokens.tokens, prompt.cost.perCall, prompt.cost.perMonth],
          `${file} ${prompt.id}: the editor's report`,
        );
        const mark = prompt.modelAssumed ? '≈ ' : '';
        const lens = `${tokensText(prompt)} · ${mark}${formatUsd(prompt.cost.perCall)}/call · ${mark}${formatUsd(prompt.cost.perMonth)}/mo`;
        assert.ok(
          titles.some((title) => title.startsWith(lens) && title.endsWith(`· ${modelText(prompt)}`)),
          `${file}: no lens '${lens} … ${modelText(prompt)}' in ${JSON.stringify(titles)}`,
        );

        // Hover and status bar answer for the first prompt at a position: check them where only this one is.
        const anchorRange = report.prompt.callSite?.range ?? report.prompt.range;
        const position = new vscode.Position(anchorRange.startLine, anchorRange.startCharacter);
        const here = analysis.audit.prompts.filter((r) =>
          [r.prompt.range, r.prompt.callSite?.range].some(
            (range) => range && range.start <= anchorRange.start && anchorRange.start <= range.end,
          ),
        );
        if (here.length !== 1) continue;
        const hover = await hoverText(document.uri, position);
        assert.ok(
          hover.includes(`**tokenwise** · ${modelText(prompt)} · ${tokensText(prompt)} in`),
          `${file}: ${hover.split('\n')[0]}`,
        );
        assert.ok(hover.includes(`**${mark}${formatUsd(prompt.cost.perCall)}**`), `${file}: per call in ${hover}`);
        const lines = [...hover.matchAll(/^\| ([^|*]+?) \| (?:≈ )?([\d,]+) \|$/gm)].filter(
          (m) => !m[1]!.startsWith('expected output'),
        );
        const total = /^\| \*\*total in\*\* \| \*\*(?:≈ )?([\d,]+)\*\* \|$/m.exec(hover);
        assert.ok(total && lines.length > 0, hover);
        assert.equal(
          lines.reduce((sum, m) => sum + Number(m[2]!.replace(/,/g, '')), 0),
          prompt.tokens.tokens,
          `${file}: the hover's lines add up`,
        );
        assert.equal(Number(total[1]!.replace(/,/g, '')), prompt.tokens.tokens);

        editor.selection = new vscode.Selection(position, position);
        const status = await until(`the status bar on ${file}:${position.line + 1}`, () => {
          const text = api.statusText();
          return text?.includes(`${mark}${formatUsd(prompt.cost.perCall)}/call`) && text;
        });
        assert.equal(
          status,
          `$(symbol-number) ${tokensText(prompt)} · ${mark}${formatUsd(prompt.cost.perCall)}/call · ${modelText(prompt)}`,
        );
      }
      await closeAll();
    }
  });

  it('keeps the hover model table sorted by cost, with the recommended model in it and one reason a line', async () => {
    const editor = await openFixture(`${folder}/src/triage.ts`);
    const hover = await until('the triage hover', async () => {
      const text = await hoverText(editor.document.uri, new vscode.Position(12, 30));
      return text.includes('Recommended') && text;
    });
    const rows = [...hover.matchAll(/^\| (\**)([\w.-]+)\** ?([^|]*)\| \w+ \| \$[\d.,]+ \| \$([\d.,]+) \|$/gm)];
    const perMonth = rows.map((m) => Number(m[4]!.replace(/,/g, '')));
    assert.deepEqual(
      perMonth,
      [...perMonth].sort((a, b) => a - b),
      'cheapest first',
    );
    const recommended = /Recommended: \*\*([\w.-]+)\*\*/.exec(hover)![1]!;
    assert.ok(
      rows.some((m) => m[2] === recommended && m[3]!.includes('(recommended)')),
      `${recommended} in ${rows.map((m) => m[2]).join(', ')}`,
    );
    assert.ok(/Recommended: \*\*[\w.-]+\*\*, because:\n\n(- .+\n)+/.test(hover), hover);
  });
});
