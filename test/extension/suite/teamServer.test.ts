import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Comparison } from '../../../extension/compareBase';
import type { ServerState } from '../../../extension/teamServer';
import { startBotProcess } from '../../slackbot/support/botProcess';
import { startReadApiServer, weekOfUsage } from '../../support/readApiServer';
import {
  closeAll,
  extensionApi,
  hoverText,
  lensTitles,
  openFixture,
  until,
  watchHostNetwork,
  workspaceRoot,
} from './helpers';
import { initRepository } from '../../support/git';

const token = 'team-read-token';

async function promptIdsOf(document: vscode.TextDocument): Promise<Map<string, number>> {
  const api = await extensionApi();
  const analysis = await api.analysisOf(document);
  assert.equal(analysis.state, 'ready');
  if (analysis.state !== 'ready') return new Map();
  return new Map(analysis.audit.prompts.map((report) => [report.prompt.promptId, report.cost!.perCall]));
}

describe('team server: observed usage beside the estimate', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('tokenwise.disconnectServer');
    await vscode.workspace.getConfiguration('tokenwise').update('server.app', undefined, true);
    await closeAll();
  });

  it('shows the observed label in lenses and hovers, flags a > 2× mismatch, and sends only the app and the token', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    const ids = await promptIdsOf(editor.document);
    const classify = 'src/support.ts#classifyTicket';
    const draft = 'src/support.ts#draftReply';
    assert.ok(ids.has(classify) && ids.has(draft), [...ids.keys()].join(', '));
    // classifyTicket runs at its estimate per call; draftReply costs 10× its estimate per call.
    const server = await startReadApiServer(
      token,
      weekOfUsage([
        { prompt: classify, calls: 127_680, costNanos: 127_680 * ids.get(classify)! },
        { prompt: draft, calls: 700, costNanos: 700 * ids.get(draft)! * 10 },
      ]),
    );
    try {
      assert.ok(
        (await lensTitles(editor.document.uri)).every((title) => !title.startsWith('observed')),
        'not connected: no observed lens',
      );
      const host = watchHostNetwork({ passOn: true });
      const state = await Promise.resolve(
        vscode.commands.executeCommand<ServerState>('tokenwise.connectServer', server.url, token, 'support-bot'),
      ).finally(() => host.stop());
      assert.deepEqual(state, { kind: 'connected', window: 'last 7 days', prompts: 2 });
      assert.deepEqual(host.requests, [`fetch ${server.url}/v1/usage/prompts?app=support-bot`]);
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0]!.headers.authorization, `Bearer ${token}`);
      assert.deepEqual(api.engine().network.attempts, [], 'the analysis worker sends nothing');
      assert.equal(
        vscode.workspace.getConfiguration('tokenwise').inspect('server.url')?.globalValue,
        server.url,
        'the URL is a user setting',
      );

      const titles = await until('the observed lenses', async () => {
        const all = await lensTitles(editor.document.uri);
        return all.filter((title) => title.startsWith('observed')).length === 2 && all;
      });
      const classifyLens = titles.find((title) => title.startsWith('observed: 18.2k calls/day'))!;
      assert.match(classifyLens, /^observed: 18\.2k calls\/day, \$[\d,.]+\/month \(last 7 days\)$/);
      const draftLens = titles.find((title) => title.startsWith('observed: 100 calls/day'))!;
      assert.match(
        draftLens,
        /^observed: 100 calls\/day, \$[\d,.]+\/month \(last 7 days\) · ⚠ 10× the estimate per call$/,
      );

      const hover = await hoverText(editor.document.uri, new vscode.Position(18, 20));
      assert.match(hover, /\*\*Team server\*\* · observed: 100 calls\/day/);
      assert.match(
        hover,
        /⚠ observed \$[\d.]+\/call is 10× the estimate \(\$[\d.]+\/call\): the estimate's assumptions are wrong/,
      );
      assert.equal(server.requests.length, 1, 'answers are cached (about 5 minutes)');

      // The server goes away: a reconnect finds it unreachable, a quiet note says so, lenses go on with estimates.
      await server.close();
      const down = await vscode.commands.executeCommand<ServerState>('tokenwise.connectServer', server.url, token, '');
      assert.equal(down?.kind, 'unreachable');
      assert.match(api.server().note ?? '', /cannot read the team server: cannot reach the tokenwise server/);
      assert.ok((await lensTitles(editor.document.uri)).some((title) => / tok · /.test(title)));

      await vscode.commands.executeCommand('tokenwise.disconnectServer');
      assert.deepEqual(api.server(), { state: { kind: 'off' }, note: undefined });
      await until('the observed lenses to go', async () =>
        (await lensTitles(editor.document.uri)).every((title) => !title.startsWith('observed')),
      );
    } finally {
      await server.close();
    }
  });

  it('declares the server URL user-only (application scope) and refuses a URL that would send the token in clear', async () => {
    const manifest = vscode.extensions.getExtension('tokenwise.tokenwise')!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    assert.equal(manifest.contributes.configuration.properties['tokenwise.server.url']!.scope, 'application');
    const host = watchHostNetwork({ passOn: false });
    try {
      await vscode.workspace
        .getConfiguration('tokenwise')
        .update('server.url', 'http://tokenwise.example.com', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('tokenwise.connectServer', 'http://tokenwise.example.com', token, '');
      const api = await extensionApi();
      assert.deepEqual(api.server().state, { kind: 'off' }, 'an http URL to another machine is ignored');
      assert.deepEqual(host.requests, []);
    } finally {
      host.stop();
    }
  });
});

describe('team server: a real bot', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('tokenwise.disconnectServer');
    await closeAll();
  });

  it('shows the traffic a real bot recorded for the prompt ids the editor gives', async function () {
    this.timeout(90_000);
    const root = process.env.TOKENWISE_E2E_ROOT ?? process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'tokenwise-editor-bot-'));
    const ingestToken = 'ingest-token-for-the-editor';
    const readToken = 'read-token-for-the-editor';
    // The bundle the bot ships as, run by the machine's Node.js (its SQLite binding is built for that one).
    const bot = await startBotProcess(
      {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'editor-test-signing-secret',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        INGEST_TOKEN: ingestToken,
        READ_TOKEN: readToken,
        PORT: '0',
        TOKENWISE_DB: join(dir, 'bot.db'),
        LOG_LEVEL: 'info',
      },
      60_000,
      [join(root, 'dist', 'slackbot.js')],
      dir,
      'node',
    );
    try {
      const editor = await openFixture('src/support.ts');
      const classify = 'src/support.ts#classifyTicket';
      assert.ok((await promptIdsOf(editor.document)).has(classify));
      // 2,000 calls on each of the 7 complete days before today (UTC, the bot's default time zone).
      const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
      const events = Array.from({ length: 7 }, (_, n) => ({
        id: `classify-${n}`,
        time: new Date(today - (n + 1) * 86_400_000 + 12 * 3_600_000).toISOString(),
        provider: 'openai',
        model: 'gpt-4o-mini',
        app: 'support-bot',
        prompt: classify,
        requests: 2_000,
        inputTokens: 2_000 * 300,
        outputTokens: 2_000 * 20,
      }));
      const base = `http://127.0.0.1:${bot.port}`;
      const ingest = await fetch(`${base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(events),
      });
      assert.equal(ingest.status, 200, await ingest.text());

      const state = await vscode.commands.executeCommand<ServerState>(
        'tokenwise.connectServer',
        base,
        readToken,
        'support-bot',
      );
      assert.deepEqual(state, { kind: 'connected', window: 'last 7 days', prompts: 1 });
      const titles = await until('the observed lens', async () => {
        const all = await lensTitles(editor.document.uri);
        return all.some((title) => title.startsWith('observed')) && all;
      });
      assert.ok(
        titles.some((title) => /^observed: 2k calls\/day, \$[\d,.]+\/month \(last 7 days\)/.test(title)),
        titles.join(' | '),
      );
    } finally {
      await bot.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compare this file with the base branch', () => {
  const folder = join(workspaceRoot, 'compare');
  const file = join(folder, 'src/triage.ts');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  const source = (model: string, text: string) =>
    `// @ts-nocheck\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function triageTicket(input: string) {\n  return openai.chat.completions.create({\n    model: '${model}',\n    max_tokens: 300,\n    messages: [{ role: 'system', content: '${text}' }, { role: 'user', content: input }],\n  });\n}\n`;

  before(() => {
    mkdirSync(join(folder, 'src'), { recursive: true });
    initRepository(folder);
    writeFileSync(file, source('gpt-4o-mini', 'You triage support tickets. Answer with one label.'));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(
      file,
      source('gpt-4o', 'You triage support tickets for the on-call team. Answer with one label and a reason.'),
    );
    git('commit', '-qam', 'bigger model');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(closeAll);

  it('shows the same change as tokenwise diff for the open file, against the merge base with main', async function () {
    this.timeout(60_000);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    const comparison = await vscode.commands.executeCommand<Comparison | string>('tokenwise.compareWithBase');
    assert.ok(typeof comparison === 'object', String(comparison));
    assert.equal(comparison.branch, 'main');
    assert.equal(comparison.mergeBase, git('rev-parse', 'main').toString().trim());
    const [diff] = comparison.result.prompts;
    assert.equal(diff?.status, 'changed');
    assert.equal(diff?.promptId, 'compare/src/triage.ts#triageTicket');
    const kinds = diff?.changes.map((change) => change.kind) ?? [];
    assert.ok(kinds.includes('model') && kinds.includes('text'), kinds.join(', '));
    assert.ok(comparison.result.totals.change > 0);
    assert.match(comparison.markdown, /^# tokenwise: compare\/src\/triage\.ts vs main/);
    assert.match(comparison.markdown, /model gpt-4o-mini → gpt-4o; prompt grew \+\d+ tokens/);
    await until('the report beside the file', () =>
      vscode.window.visibleTextEditors.some((shown) => shown.document.getText().startsWith('# tokenwise: compare/')),
    );
    assert.ok(editor);
  });
});
