import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { WorkspaceReport } from '../../../extension/report';
import { closeAll, extensionApi, fixtureUri } from './helpers';

describe('workspace audit command', () => {
  afterEach(closeAll);

  it('audits every prompt file, publishes diagnostics and shows a self-contained report', async () => {
    const api = await extensionApi();
    const report = await vscode.commands.executeCommand<WorkspaceReport>('tokenwise.auditWorkspace');
    const files = report.byFile.map((f) => f.file).sort();
    assert.ok(
      files.includes('src/support.ts') && files.includes('src/findings.ts') && files.includes('prompts/summary.prompt'),
      files.join(', '),
    );
    assert.equal(report.prompts.filter((p) => p.file === 'src/support.ts').length, 2);
    assert.equal(
      report.totalPerMonth,
      report.byFile.reduce((sum, f) => sum + f.perMonth, 0),
    );
    assert.equal(
      report.totalPerMonth,
      report.byModel.reduce((sum, m) => sum + m.perMonth, 0),
    );
    assert.ok(Number.isInteger(report.totalPerMonth) && report.totalPerMonth > 0);
    assert.deepEqual(report.skipped.map((s) => s.file).sort(), [
      'stress/blob.ts',
      'stress/bundle.min.js',
      'stress/huge.ts',
      'stress/large.min.js',
      'stress/many-lines.ts',
      'stress/typing.min.js',
    ]);

    const diagnostics = vscode.languages
      .getDiagnostics(fixtureUri('src/findings.ts'))
      .filter((d) => d.source === 'tokenwise');
    assert.ok(
      diagnostics.some((d) => d.code === 'no-output-cap'),
      'findings of files not open in an editor are published',
    );

    const html = api.reportHtml() ?? '';
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const nonce = /'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
    assert.match(csp, /^default-src 'none'; style-src 'nonce-[0-9a-f]{32}'$/);
    assert.ok(nonce && html.includes(`<style nonce="${nonce}">`));
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
    assert.match(html, /\$\/month by file/);
    assert.match(html, /\$\/month by model/);
    assert.equal(
      (html.match(/<meter /g) ?? []).length,
      Math.min(report.byFile.length, 12) + Math.min(report.byModel.length, 12),
    );
    assert.match(html, /var\(--vscode-foreground\)/);
  });
});
