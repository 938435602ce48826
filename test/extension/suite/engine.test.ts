import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Engine, type Deadlines } from '../../../extension/engine';
import type { PolicyAnswer } from '../../../extension/engineProtocol';
import { PolicyFile } from '../../../extension/policy';
import { closeAll, extensionApi, lensTitles, openFixture, until } from './helpers';

// The real module object (an import would give a bundled copy), so replacing `Worker` reaches the engine.
const threads = require('node:worker_threads') as typeof import('node:worker_threads');

/**
 * An engine whose nth worker runs `misbehave[n]` (JavaScript run in the worker thread, with `parentPort` and the real
 * `bundle`'s path), and every worker after those is the real one; loaded into the host the script is the real bundle.
 */
/** The installed extension's worker bundle. */
const workerBundle = () =>
  vscode.Uri.joinPath(vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionUri, 'dist/engineWorker.js');

async function withWorker(
  misbehave: string[],
  deadlines: Deadlines,
  use: (engine: Engine) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-worker-'));
  const script = join(dir, 'worker.js');
  const bundle = join(vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionPath, 'dist/engineWorker.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
    const { existsSync, readFileSync, writeFileSync } = require('node:fs');
    const bundle = ${JSON.stringify(bundle)};
    const starts = ${JSON.stringify(join(dir, 'starts'))};
    const started = existsSync(starts) ? Number(readFileSync(starts, 'utf8')) : 0;
    const misbehave = [${misbehave.map((code) => `() => { ${code} }`).join(', ')}];
    if (parentPort) writeFileSync(starts, String(started + 1));
    if (parentPort && started < misbehave.length) misbehave[started]();
    else module.exports = require(bundle);`,
  );
  const engine = new Engine(vscode.Uri.file(script), deadlines);
  try {
    await use(engine);
  } finally {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('where audits run', () => {
  afterEach(closeAll);

  it('audits and counts in a Node worker thread, not on the extension host', async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    assert.ok((await lensTitles(editor.document.uri)).some((t) => t.includes(' tok · ')));
    const engine = api.engine();
    assert.deepEqual([engine.kind, engine.fallbackReason], ['node worker', undefined]);
  });

  it("keeps the tokenizer's rank data, the parser, the price data, the policy parser and zod's full API out of the host's bundle", () => {
    const dist = join(vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionPath, 'dist');
    const host = readFileSync(join(dist, 'extension.js'), 'utf8');
    const worker = readFileSync(join(dist, 'engineWorker.js'), 'utf8');
    // `pat_str` is a field of every rank file; `decorators-legacy` a plugin name only the parser knows; `input_mtok` a
    // field of the price data; the next a message of the YAML parser; `"ZodObject"` the name of a schema class of
    // zod's full API (the host validates its settings with zod/mini).
    for (const marker of ['pat_str', 'decorators-legacy', 'input_mtok', 'Implicit keys need to be', '"ZodObject"']) {
      assert.ok(worker.includes(marker), `the worker's bundle has ${marker}`);
      assert.ok(!host.includes(marker), `the host's bundle has no ${marker}`);
    }
  });

  it('falls back to the host, with the same audit, counts, prices, models and policy, when no worker thread can start', async () => {
    const document = (await openFixture('src/support.ts')).document;
    const fileName = vscode.workspace.asRelativePath(document.uri, false);
    const script = workerBundle();
    const broken = new Engine(script);
    const working = new Engine(script);
    const RealWorker = threads.Worker;
    Object.assign(threads, {
      Worker: function refuse() {
        throw new Error('worker threads are off in this host');
      },
    });
    try {
      const inHost = await broken.audit(document.getText(), fileName, {});
      assert.equal(broken.kind, 'extension host');
      assert.equal(broken.fallbackReason, 'no worker: worker threads are off in this host');
      Object.assign(threads, { Worker: RealWorker });
      const inWorker = await working.audit(document.getText(), fileName, {});
      assert.equal(working.kind, 'node worker');
      assert.ok(inHost.audit.prompts.length >= 2);
      assert.deepEqual(inHost.audit, inWorker.audit);
      const text = 'Classify the support ticket as one of: billing, bug, feature, other.';
      assert.deepEqual(await broken.count([text], 'gpt-4o'), await working.count([text], 'gpt-4o'));
      const question = {
        model: 'claude-sonnet-4-5',
        promptTokens: 3_000,
        outputTokens: 400,
        callsPerDay: 2_000,
        staticPrefixTokens: 2_500,
        customModels: undefined,
      };
      const prices = await working.prices(question);
      assert.ok(
        prices.perCall! > 0 && prices.caching && prices.rows.some((row) => row.current),
        JSON.stringify(prices),
      );
      assert.deepEqual(await broken.prices(question), prices);
      assert.deepEqual(await broken.models(undefined), await working.models(undefined));
      for (const policy of ['{ "defaultCallsPerDay": 3000 }', '{ "defaultCallsPerDay": "many" }']) {
        assert.deepEqual(
          await broken.policy(policy, 'tokenwise.config.json'),
          await working.policy(policy, 'tokenwise.config.json'),
        );
      }
      assert.equal(
        (await broken.policy('{ "defaultCallsPerDay": "many" }', 'tokenwise.config.json')).issues[0]?.path,
        'defaultCallsPerDay',
      );
    } finally {
      Object.assign(threads, { Worker: RealWorker });
      broken.dispose();
      working.dispose();
    }
  });

  it('stops a worker that is alive but stops answering: the request fails, and the next one gets a new worker', async () => {
    const hang = "parentPort.postMessage({ ready: true, watchingNetwork: false }); parentPort.on('message', () => {});";
    await withWorker([hang], { readyMs: 30_000, auditMs: 3_000, requestMs: 3_000 }, async (engine) => {
      await assert.rejects(engine.count(['Classify the ticket.'], 'gpt-4o'), /the count request timed out after 3 s/);
      const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
      assert.ok(count!.tokens > 0);
      assert.deepEqual([engine.kind, engine.fallbackReason], ['node worker', undefined]);
    });
  });

  it('moves the work to the host when the first worker never says it is ready', async () => {
    await withWorker(
      ["parentPort.on('message', () => {});"],
      { readyMs: 200, auditMs: 60_000, requestMs: 10_000 },
      async (engine) => {
        const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
        assert.ok(count!.tokens > 0);
        assert.equal(engine.kind, 'extension host');
        assert.equal(engine.fallbackReason, 'it did not say it was ready within 0.2 s');
      },
    );
  });

  it('keeps to workers once one has loaded, even when a replacement fails before it is ready', async () => {
    const diesOnRequest =
      "parentPort.on('message', (request) => request.texts?.[0] === 'die' && process.exit(3)); require(bundle);";
    await withWorker(
      [diesOnRequest, "throw new Error('a broken start');"],
      { readyMs: 30_000, auditMs: 60_000, requestMs: 10_000 },
      async (engine) => {
        await engine.count(['Classify the ticket.'], 'gpt-4o');
        await assert.rejects(engine.count(['die'], 'gpt-4o'), /analysis worker stopped \(exit code 3\)/);
        await assert.rejects(
          engine.count(['Classify the ticket.'], 'gpt-4o'),
          /analysis worker stopped \(a broken start\)/,
        );
        const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
        assert.ok(count!.tokens > 0);
        assert.deepEqual([engine.kind, engine.fallbackReason], ['node worker', undefined]);
      },
    );
  });

  it('fails the requests waiting when disposed, and takes no new ones', async () => {
    const engine = new Engine(workerBundle());
    await engine.count(['Classify the ticket.'], 'gpt-4o');
    const waiting = engine.count(['Summarise the thread.'], 'gpt-4o');
    engine.dispose();
    await assert.rejects(waiting, /shut down/);
    await assert.rejects(engine.count(['Classify the ticket.'], 'gpt-4o'), /shut down/);
    assert.equal(engine.kind, 'not started');
  });

  it('fails a request whose data cannot be sent to the worker, and answers the next', async () => {
    const engine = new Engine(workerBundle());
    try {
      await engine.count(['Classify the ticket.'], 'gpt-4o');
      const uncloneable = [() => 'a function'] as unknown as string[];
      await assert.rejects(
        engine.count(uncloneable, 'gpt-4o'),
        /the count request could not be sent to the analysis worker/,
      );
      const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
      assert.ok(count!.tokens > 0);
      assert.equal(engine.kind, 'node worker');
    } finally {
      engine.dispose();
    }
  });

  it('stops a worker that sends something other than a response', async () => {
    await withWorker(
      ["parentPort.postMessage(42); parentPort.on('message', () => {});"],
      { readyMs: 30_000, auditMs: 60_000, requestMs: 10_000 },
      async (engine) => {
        const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
        assert.ok(count!.tokens > 0);
        assert.equal(engine.kind, 'extension host');
        assert.equal(engine.fallbackReason, 'it sent a message that is not a response: 42');
      },
    );
  });

  it('re-audits only the edited prompt, and its lenses equal a fresh audit of the whole file', async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    const document = editor.document;
    await api.reanalyze(document);
    const before = await lensTitles(document.uri);
    const line = document.lineAt(23);
    const at = line.text.indexOf('Be concise');
    assert.ok(at > 0, line.text);
    await editor.edit((edit) =>
      edit.insert(new vscode.Position(23, at), 'Always greet the customer by name and thank them for their patience. '),
    );
    const edited = await api.analysisOf(document);
    assert.equal(edited.state === 'ready' && edited.incremental, true, 'an incremental re-audit');
    const incremental = await lensTitles(document.uri);
    assert.notDeepEqual(incremental, before);
    await api.reanalyze(document);
    assert.deepEqual(await lensTitles(document.uri), incremental);
  });
});

// Before the suites that write policy files, whose watcher events could start loads of their own here.
/** A policy file reader on a real engine, with every parse it asks for counted and, if `gate` is given, held until released. */
function reader(gate?: (release: () => void) => void) {
  const engine = new Engine(workerBundle());
  const parse = engine.policy.bind(engine);
  let parses = 0;
  engine.policy = async (text, fileName): Promise<PolicyAnswer> => {
    const number = ++parses;
    const answer = await parse(text, fileName);
    if (gate) await new Promise<void>(gate);
    return { ...answer, policy: { ...answer.policy, defaultModel: `load ${number}` } };
  };
  const file = new PolicyFile(engine);
  let changes = 0;
  file.onDidChange(() => changes++);
  return {
    file,
    parses: () => parses,
    changes: () => changes,
    dispose() {
      file.dispose();
      engine.dispose();
    },
  };
}

describe('policy file loads', () => {
  it('reads the policy once when activation and the first audit ask together, and signals a change only when a policy in force is replaced', async () => {
    const policy = reader();
    try {
      const [, first] = await Promise.all([policy.file.use(''), policy.file.policy()]);
      assert.equal(first.defaultModel, 'load 1');
      assert.deepEqual([policy.parses(), policy.changes()], [1, 0]);
      await policy.file.use('');
      assert.equal((await policy.file.policy()).defaultModel, 'load 2');
      assert.deepEqual([policy.parses(), policy.changes()], [2, 1]);
    } finally {
      policy.dispose();
    }
  });

  it('never lets an earlier load that answers late overwrite a later one', async () => {
    const releases: Array<() => void> = [];
    const policy = reader((release) => releases.push(release));
    try {
      const earlier = policy.file.use('');
      await until('the earlier load parsed', () => releases.length === 1);
      const later = policy.file.use('config/team.yaml');
      await until('the later load parsed', () => releases.length === 2);
      releases[1]!();
      await later;
      releases[0]!();
      await earlier;
      assert.equal((await policy.file.policy()).defaultModel, 'load 2');
      assert.equal(policy.changes(), 0);
    } finally {
      policy.dispose();
    }
  });
});
