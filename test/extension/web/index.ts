// Smoke run of the extension's bundle as a web extension, in VS Code's web-worker extension host: no Node APIs here,
// so this is a plain list of checks rather than mocha. Prints `web extension: N passed, M failed` for the harness.
import * as vscode from 'vscode';
import { Engine } from '../../../extension/engine';
import type { TokenwiseApi } from '../../../extension/main';

type Check = [name: string, run: () => Promise<void>];

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

/**
 * Records every fetch, XMLHttpRequest and WebSocket the extension host's own code opens until `stop()`, and refuses
 * them: the web counterpart of the desktop suite's watchHostNetwork.
 */
function watchHostNetwork(): { requests: string[]; stop(): void } {
  const scope = globalThis as unknown as Record<'fetch' | 'XMLHttpRequest' | 'WebSocket', unknown>;
  const originals = { fetch: scope.fetch, XMLHttpRequest: scope.XMLHttpRequest, WebSocket: scope.WebSocket };
  const requests: string[] = [];
  const refuse = (attempt: string): Error => {
    requests.push(attempt);
    return new Error('network disabled by the privacy check');
  };
  scope.fetch = (input: unknown) =>
    Promise.reject(refuse(`fetch ${input instanceof Request ? input.url : String(input)}`));
  scope.XMLHttpRequest = class {
    open(method: string, url: unknown): void {
      throw refuse(`XMLHttpRequest ${method} ${String(url)}`);
    }
  };
  scope.WebSocket = function WebSocket(url: unknown) {
    throw refuse(`WebSocket ${String(url)}`);
  };
  return { requests, stop: () => Object.assign(scope, originals) };
}

export async function run(): Promise<void> {
  console.log('── tokenwise extension web build');
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const support = vscode.Uri.joinPath(folder, 'src/support.ts');
  const checks: Check[] = [
    [
      'runs in the web-worker extension host',
      async () => {
        const extension = vscode.extensions.getExtension('tokenwise.tokenwise');
        assert(extension, 'extension loaded');
        await extension.activate();
        assert(
          typeof navigator !== 'undefined' && typeof (globalThis as { process?: unknown }).process === 'undefined',
          'a web worker, not Node',
        );
      },
    ],
    [
      'shows cost and saving lenses',
      async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(support));
        const titles = await lensTitles(support);
        assert(
          titles.filter((t) => / tok · \$[\d.]+\/call · .* @ 1k\/day · gpt-4o$/.test(t)).length === 2,
          `lenses: ${titles.join(' | ')}`,
        );
        assert(
          titles.some((t) => / would save \d+ % /.test(t)),
          `a saving lens: ${titles.join(' | ')}`,
        );
      },
    ],
    [
      'audits and counts in a Web Worker beside the extension host',
      async () => {
        const api = await vscode.extensions.getExtension<TokenwiseApi>('tokenwise.tokenwise')!.activate();
        const engine = api.engine();
        assert(engine.kind === 'web worker', `engine: ${JSON.stringify(engine)}`);
      },
    ],
    [
      'falls back to the host, with the same audit, prices and policy, when no Web Worker can start',
      async () => {
        const script = vscode.Uri.joinPath(
          vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionUri,
          'dist/engineWorker.js',
        );
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(support));
        const working = new Engine(script);
        const broken = new Engine(script);
        const scope = globalThis as { Worker?: unknown };
        const RealWorker = scope.Worker;
        scope.Worker = undefined;
        try {
          const inHost = await broken.audit(text, 'src/support.ts', {});
          scope.Worker = RealWorker;
          const inWorker = await working.audit(text, 'src/support.ts', {});
          assert(
            broken.kind === 'extension host' && working.kind === 'web worker',
            `engines: ${broken.kind}, ${working.kind}`,
          );
          assert(inHost.audit.prompts.length === 2, `${inHost.audit.prompts.length} prompts audited in the host`);
          assert(
            JSON.stringify(inHost.audit) === JSON.stringify(inWorker.audit),
            'the same audit in the host and in the worker',
          );
          const question = {
            model: 'gpt-4o',
            promptTokens: 2_000,
            outputTokens: 300,
            callsPerDay: 1_000,
            staticPrefixTokens: 1_500,
            customModels: undefined,
          };
          const [hostPrices, workerPrices] = [await broken.prices(question), await working.prices(question)];
          assert(
            workerPrices.rows.length >= 3 && JSON.stringify(hostPrices) === JSON.stringify(workerPrices),
            'the same prices in the host and in the worker',
          );
          const policy = '{ "defaultCallsPerDay": 3000 }';
          const [hostPolicy, workerPolicy] = [
            await broken.policy(policy, 'tokenwise.config.json'),
            await working.policy(policy, 'tokenwise.config.json'),
          ];
          assert(
            hostPolicy.policy.defaultCallsPerDay === 3000 &&
              JSON.stringify(hostPolicy) === JSON.stringify(workerPolicy),
            'the same policy in the host and in the worker',
          );
        } finally {
          scope.Worker = RealWorker;
          broken.dispose();
          working.dispose();
        }
      },
    ],
    [
      'hovers a prompt',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          support,
          new vscode.Position(21, 12),
        );
        const text = hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
          .join('\n');
        assert(/\| Model \| Tier \| Per call \| Per month \|/.test(text), `hover: ${text.slice(0, 200)}`);
      },
    ],
    [
      'sends nothing over the network, from the host or the analysis Web Worker, while lenses, hovers, status and the audit run',
      async () => {
        const api = await vscode.extensions.getExtension<TokenwiseApi>('tokenwise.tokenwise')!.activate();
        const host = watchHostNetwork();
        try {
          const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(support));
          await lensTitles(support);
          await vscode.commands.executeCommand('vscode.executeHoverProvider', support, new vscode.Position(21, 12));
          editor.selection = new vscode.Selection(10, 0, 10, 40);
          const deadline = Date.now() + 10_000;
          while (!api.statusText()?.includes(' tok')) {
            assert(Date.now() < deadline, `the selection was never counted: ${api.statusText()}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          await vscode.commands.executeCommand('tokenwise.auditWorkspace');
          await api.settled();
        } finally {
          host.stop();
        }
        assert(host.requests.length === 0, `the host reached out: ${host.requests.join(', ')}`);
        const engine = api.engine();
        assert(engine.kind === 'web worker', `prompt text went to a Web Worker (engine: ${engine.kind})`);
        assert(
          engine.network.watched && engine.network.attempts.length === 0,
          `the worker's network: ${JSON.stringify(engine.network)}`,
        );
      },
    ],
    [
      "the opt-in exact counter's request, and only it, leaves the host, for the user's base URL",
      async () => {
        // The watch above sees what the counter sends: with exact counts on, the one request is the counter's.
        const settings = vscode.workspace.getConfiguration('tokenwise');
        const claude = vscode.Uri.joinPath(folder, 'src/claude.ts');
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(claude));
        await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', 'web-test-key');
        await settings.update('exactCounts.baseUrl', 'https://proxy.example.com', vscode.ConfigurationTarget.Global);
        await settings.update('exactCounts.provider', 'anthropic', vscode.ConfigurationTarget.Global);
        const host = watchHostNetwork();
        try {
          await vscode.commands.executeCommand('vscode.executeHoverProvider', claude, new vscode.Position(9, 20));
        } finally {
          host.stop();
          await settings.update('exactCounts.provider', undefined, vscode.ConfigurationTarget.Global);
          await settings.update('exactCounts.baseUrl', undefined, vscode.ConfigurationTarget.Global);
          await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', '');
        }
        assert(
          JSON.stringify(host.requests) ===
            JSON.stringify(['fetch https://proxy.example.com/v1/messages/count_tokens']),
          `requests: ${host.requests.join(', ')}`,
        );
      },
    ],
    [
      'the analysis Web Worker refuses and reports each request made in it',
      async () => {
        // The real worker bundle, followed by code that reaches out, as a worker script of its own.
        const bundle = vscode.Uri.joinPath(
          vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionUri,
          'dist/engineWorker.js',
        );
        const script = vscode.Uri.joinPath(folder, 'reachingWorker.js');
        const reaching = `
        ;(function () {
          var attempt = function (reach) { try { var result = reach(); if (result && result.catch) result.catch(function () {}); } catch (e) {} };
          attempt(function () { return fetch('https://example.com/telemetry'); });
          attempt(function () { var request = new XMLHttpRequest(); request.open('POST', 'https://api.example.com/v1/log'); request.send('prompt'); });
          attempt(function () { return new WebSocket('wss://example.com/socket'); });
          attempt(function () { importScripts('https://example.com/more.js'); });
        })();`;
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(bundle)) + reaching;
        await vscode.workspace.fs.writeFile(script, new TextEncoder().encode(text));
        const engine = new Engine(script);
        try {
          const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
          assert(
            count!.tokens > 0 && engine.kind === 'web worker',
            `the worker still answers (engine: ${engine.kind})`,
          );
          const expected = [
            'fetch https://example.com/telemetry',
            'XMLHttpRequest POST https://api.example.com/v1/log',
            'WebSocket wss://example.com/socket',
            'importScripts https://example.com/more.js',
          ];
          assert(
            engine.network.watched && JSON.stringify(engine.network.attempts) === JSON.stringify(expected),
            `attempts: ${JSON.stringify(engine.network)}`,
          );
        } finally {
          engine.dispose();
          await vscode.workspace.fs.delete(script);
        }
      },
    ],
    [
      'says that comparing with the base branch is not available on the web (no git extension there)',
      async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(support));
        const answer = await vscode.commands.executeCommand<unknown>('tokenwise.compareWithBase');
        assert(
          typeof answer === 'string' && answer.includes('not available on the web'),
          `answer: ${JSON.stringify(answer)?.slice(0, 200)}`,
        );
      },
    ],
    [
      'reads the policy file through the workspace file system',
      async () => {
        const policy = vscode.Uri.joinPath(folder, 'tokenwise.config.json');
        await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode('{ "defaultCallsPerDay": 3000 }'));
        try {
          const deadline = Date.now() + 10_000;
          while (!(await lensTitles(support)).some((t) => t.includes('@ 3k/day'))) {
            assert(Date.now() < deadline, 'lenses never showed 3k/day');
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        } finally {
          await vscode.workspace.fs.delete(policy);
        }
      },
    ],
  ];
  let passed = 0;
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      passed++;
      console.log(`  ✔ web: ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✘ web: ${name}: ${(error as Error).message}`);
    }
  }
  console.log(`web extension: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} web checks failed`);
}
