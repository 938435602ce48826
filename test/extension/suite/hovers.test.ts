import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, openFixture } from './helpers';

function text(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

describe('prompt hovers', () => {
  before(extensionApi);
  afterEach(closeAll);

  it('breaks a prompt down and compares it across the ladder', async () => {
    const editor = await openFixture('src/support.ts');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(21, 12),
    );
    const markdown = text(hovers);
    assert.match(markdown, /\*\*tokenwise\*\* · gpt-4o · [\d,]+ tok in, 400 tok out/);
    assert.match(markdown, /\| system \| [\d,]+ \|/);
    assert.match(markdown, /\| messages( \(variables ≈ [\d,]+\))? \| [\d,]+ \|/);
    assert.match(markdown, /\| message framing \| [\d,]+ \|/);
    assert.match(markdown, /\| expected output \([^)]*\) \| 400 \|/);
    assert.match(markdown, /Per call: input \$[\d.]+ \+ output \$[\d.]+ = \*\*\$[\d.]+\*\*/);
    assert.match(markdown, /\| Model \| Tier \| Per call \| Per month \|/);
    assert.match(markdown, /\| \*\*gpt-4o\*\* \| \w+ \|/, 'the current model is marked');
    const rows = markdown
      .split('\n')
      .filter((line) => /^\| [^|]+ \| (small|medium|large|frontier) \| \$[\d.]+ \| \$[\d.,]+ \|$/.test(line));
    assert.ok(rows.length >= 3, `the ladder's models: ${rows.join(' / ')}`);
    assert.ok(
      rows.some((row) => row.includes('| small |')),
      'a small model is among them',
    );
  });

  it('notes tools and images and prices caching of the static prefix', async () => {
    const editor = await openFixture('src/agent.ts');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(79, 10),
    );
    const markdown = text(hovers);
    assert.match(
      markdown,
      /\*\*tokenwise\*\* · assumed gpt-4o-mini \(model unknown\) · [\d,]+ tok in, 200 tok out/,
      'a call naming no model gets the default, labelled assumed',
    );
    assert.match(markdown, /\| tools \| definitions not counted \|/);
    assert.match(markdown, /\| images \| priced per image, not counted \|/);
    assert.match(
      markdown,
      /Prompt caching of the [\d,]+-token static prefix: \$[\d.,]+\/month \(saves \$[\d.,]+, [\d.]+ %\)/,
    );
  });

  it('shows nothing outside prompts', async () => {
    const editor = await openFixture('src/support.ts');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(3, 2),
    );
    assert.doesNotMatch(text(hovers), /tokenwise/);
  });
});
