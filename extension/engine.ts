// Where core's audits, token counts, prices and policy parsing run: in a worker beside the extension host — a
// `worker_threads` Worker in the desktop's Node host, a Web Worker in the web-worker host — so parsing a whole file
// and building a tokenizer never hold the host's event loop. The worker is started on the first request (the policy
// file's, just after activation), and its bundle (dist/engineWorker.js) is the only one carrying the tokenizer's rank
// data, the parser, the price data and the policy schema: the host's own bundle loads fast. When no worker can be
// started, or the first one fails or stays silent before it says it loaded, that bundle is loaded into the host and does the work there, a
// full audit in slices of about 10 ms with a yield to the host between them, so the extension works either way.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { AuditOptions, CustomModelPrices, FileAudit, Finding, PromptReport, TokenCount } from '../core';
import type { PriceQuestion, PromptPrices } from './comparison';
import {
  workerMark,
  type EngineRequest,
  type EngineResponse,
  type ModelChoice,
  type PolicyAnswer,
  type Questions,
} from './engineProtocol';
import type * as WorkerBundle from './engineWorker';

const disposedError = 'the analysis engine was shut down with the extension';

/** A worker's message crosses a thread boundary: its shape is checked (the answer's is core's to vouch for). */
const responseSchema = z.union([
  z.object({ ready: z.literal(true), watchingNetwork: z.boolean() }),
  z.object({ network: z.string() }),
  z.object({ id: z.number(), error: z.string() }),
  z.object({ id: z.number(), answer: z.unknown() }),
]);

/** Where the work runs: tests and the benchmark report it. */
export type EngineKind = 'not started' | 'node worker' | 'web worker' | 'extension host';

/** CPU time one slice of an in-host full audit may take before the host gets the event loop back. */
const sliceBudgetMs = 10;

/**
 * How long a worker may take to say it loaded, and to answer a full audit or any other request, before it counts as
 * hung and is stopped. The worker answers in order, so a request's time starts when the one before it was answered.
 */
export interface Deadlines {
  readyMs: number;
  auditMs: number;
  requestMs: number;
}

const defaultDeadlines: Deadlines = { readyMs: 15_000, auditMs: 60_000, requestMs: 10_000 };

interface Channel {
  kind: EngineKind;
  post(request: EngineRequest): void;
  stop(): void;
}

/** What dist/engineWorker.js exports: core's audit and counting, and the worker's request loop. */
type Core = typeof WorkerBundle;

interface Waiting {
  request: EngineRequest;
  /** Undefined: the host does the work. */
  resolve(response: EngineResponse | undefined): void;
}

export class Engine implements vscode.Disposable {
  private channel: Channel | undefined;
  private starting: Promise<void> | undefined;
  private core: Promise<Core> | undefined;
  /** The worker running now said it loaded. */
  private ready = false;
  /** A worker of this session said it loaded: workers work here, so a later failure is never a reason to give up on them. */
  private workersWork = false;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Set by dispose(): no worker starts and no request is taken after it. */
  private disposed = false;
  /** Runs out when the worker has not said it loaded, or has not answered the oldest waiting request, in time. */
  private deadline: ReturnType<typeof setTimeout> | undefined;
  /** Why the host does the work itself, when it does (set once: from then on every request is answered there). */
  fallbackReason: string | undefined;
  /**
   * Whether the last worker started watches its network (a Node worker in test runs, see engineWorker.ts; a Web Worker
   * always, see refuseNetwork), and every request its workers attempted.
   */
  readonly network = { watched: false, attempts: [] as string[] };

  /** `workerScript`: dist/engineWorker.js inside the installed extension. */
  constructor(
    private readonly workerScript: vscode.Uri,
    private readonly deadlines: Deadlines = defaultDeadlines,
  ) {}

  get kind(): EngineKind {
    return this.fallbackReason !== undefined ? 'extension host' : (this.channel?.kind ?? 'not started');
  }

  /**
   * Core's auditText of the file. `hostMillis`: the longest stretch it held the host's event loop that it can time —
   * posting the text to the worker, or the longest in-host slice.
   */
  async audit(
    text: string,
    fileName: string,
    options: AuditOptions,
  ): Promise<{ audit: FileAudit; hostMillis: number }> {
    const answer = await this.request({ id: 0, kind: 'audit', text, fileName, options });
    if (answer === undefined) return auditInSlices(await this.inHostCore(), text, fileName, options);
    return { audit: answerOf<'audit'>(answer.response), hostMillis: answer.postMillis };
  }

  /** Token counts of each text for the model (estimates where its tokenizer is not public). */
  count(texts: string[], model: string): Promise<TokenCount[]> {
    return this.ask({ id: 0, kind: 'count', texts, model });
  }

  /** A prompt's prices and its comparison across its provider's ladder. */
  prices(question: PriceQuestion): Promise<PromptPrices> {
    return this.ask({ id: 0, kind: 'prices', question });
  }

  /** Every model with a price, the policy's custom models included. */
  models(customModels: CustomModelPrices | undefined): Promise<ModelChoice[]> {
    return this.ask({ id: 0, kind: 'models', customModels });
  }

  /** The policy file's text parsed and validated (undefined: no file), or the default policy and the file's problems. */
  policy(text: string | undefined, fileName: string): Promise<PolicyAnswer> {
    return this.ask({ id: 0, kind: 'policy', text, fileName });
  }

  /**
   * The worker's bundle loaded into the host itself: the fallback when no worker runs, and the opt-in exact counter
   * (whose requests leave from the host, where its key is). Loaded once, on first use.
   */
  inHostCore(): Promise<Core> {
    return (this.core ??= loadIntoHost(this.workerScript));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.deadline);
    this.channel?.stop();
    this.channel = undefined;
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiting of pending) waiting.resolve({ id: waiting.request.id, error: disposedError });
  }

  /** Asks the worker, or where none runs, answers in the host. */
  private async ask<K extends Exclude<keyof Questions, 'audit'>>(
    request: Extract<EngineRequest, { kind: K }>,
  ): Promise<Questions[K]['answer']> {
    const answer = await this.request(request);
    return answerOf<K>(answer ? answer.response : (await this.inHostCore()).answer(request));
  }

  /** The worker's answer and how long posting the request took, or undefined when the host must do the work itself. */
  private async request(request: EngineRequest): Promise<{ response: EngineResponse; postMillis: number } | undefined> {
    if (!this.channel && this.fallbackReason === undefined && !this.disposed) await (this.starting ??= this.start());
    if (this.disposed) throw new Error(disposedError);
    const channel = this.channel;
    if (!channel) return undefined;
    const id = this.nextId++;
    const numbered = { ...request, id };
    const response = new Promise<EngineResponse | undefined>((resolve) =>
      this.waiting.set(id, { request: numbered, resolve }),
    );
    if (this.waiting.size === 1) this.watch();
    const posting = performance.now();
    try {
      channel.post(numbered);
    } catch (error) {
      // Data the structured clone cannot copy: this request fails, the worker is fine.
      this.waiting.delete(id);
      this.watch();
      throw new Error(
        `the ${request.kind} request could not be sent to the analysis worker (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const postMillis = performance.now() - posting;
    const answer = await response;
    return answer && { response: answer, postMillis };
  }

  private async start(): Promise<void> {
    try {
      const channel = await startWorker(
        this.workerScript,
        (response) => this.receive(response),
        (reason) => this.failed(reason),
      );
      if (this.disposed) return channel.stop();
      this.channel = channel;
      this.watch();
    } catch (error) {
      this.useHost(`no worker: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.starting = undefined;
    }
  }

  private receive(message: unknown): void {
    const parsed = responseSchema.safeParse(message);
    if (!parsed.success)
      return this.failed(`it sent a message that is not a response: ${JSON.stringify(message)?.slice(0, 80)}`);
    const response = parsed.data as EngineResponse;
    if ('network' in response) {
      this.network.attempts.push(response.network);
      return;
    }
    this.ready = true;
    this.workersWork = true;
    if ('ready' in response) {
      this.network.watched = response.watchingNetwork;
    } else {
      const waiting = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      waiting?.resolve(response);
    }
    this.watch();
  }

  /** Sets the deadline for what the worker owes now: its ready message, else an answer to the oldest waiting request. */
  private watch(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
    if (!this.channel) return;
    if (!this.ready) {
      this.deadline = setTimeout(
        () => this.failed(`it did not say it was ready within ${this.deadlines.readyMs / 1000} s`),
        this.deadlines.readyMs,
      );
      return;
    }
    const oldest = this.waiting.values().next().value;
    if (!oldest) return;
    const ms = oldest.request.kind === 'audit' ? this.deadlines.auditMs : this.deadlines.requestMs;
    this.deadline = setTimeout(
      () => this.failed(`the ${oldest.request.kind} request timed out after ${ms / 1000} s`),
      ms,
    );
  }

  /** Until a worker has loaded, a failure means workers do not work here: the host takes over, pending requests included. */
  private failed(reason: string): void {
    this.channel?.stop();
    this.channel = undefined;
    clearTimeout(this.deadline);
    this.deadline = undefined;
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    this.ready = false;
    if (!this.workersWork) {
      this.useHost(reason);
      for (const waiting of pending) waiting.resolve(undefined);
      return;
    }
    // A worker that died (out of memory on one file, say), or one started after it that did not load, fails what it
    // was doing; the next request starts a new one.
    for (const waiting of pending)
      waiting.resolve({ id: waiting.request.id, error: `analysis worker stopped (${reason})` });
  }

  private useHost(reason: string): void {
    this.fallbackReason = reason;
  }
}

/**
 * Starts the worker: Node's worker_threads where the host is Node, else a Web Worker. The web-worker host refuses
 * worker scripts of remote extensions (vscode-remote: URIs), so the Web Worker runs from a blob: URL holding the
 * bundle between a CommonJS shim and the call that serves requests.
 */
async function startWorker(
  script: vscode.Uri,
  receive: (message: unknown) => void,
  failed: (reason: string) => void,
): Promise<Channel> {
  const nodeWorkers = nodeWorkerThreads();
  if (nodeWorkers) {
    const worker = new nodeWorkers.Worker(script.fsPath, { workerData: workerMark });
    worker.unref(); // never keeps the host process alive
    worker.on('message', receive);
    worker.on('error', (error: Error) => failed(error.message));
    worker.on('exit', (code: number) => failed(`exit code ${code}`));
    return {
      kind: 'node worker',
      post: (request) => worker.postMessage(request),
      stop: () => void worker.removeAllListeners().terminate(),
    };
  }
  if (typeof Worker !== 'function') throw new Error('this extension host offers no Worker');
  const bootstrap = new Blob(
    [
      `(${refuseNetwork.toString()})(self, function (attempt) { self.postMessage({ network: attempt }); });\n`,
      'var module = { exports: {} };\n(function (module, exports) {\n',
      await scriptBytes(script),
      '\n})(module, module.exports);\n',
      'module.exports.serve(function (handler) { self.onmessage = function (event) { handler(event.data); }; }, function (response) { self.postMessage(response); }, true);\n',
    ],
    { type: 'text/javascript' },
  );
  const url = URL.createObjectURL(bootstrap);
  const worker = new Worker(url, { name: workerMark });
  worker.onmessage = (event: MessageEvent<unknown>) => receive(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    failed(event.message || 'the worker script failed to load');
  };
  return {
    kind: 'web worker',
    post: (request) => worker.postMessage(request),
    stop: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}

/**
 * Run first in the Web Worker, before the worker's bundle: takes away every way its code could reach the network
 * (fetch, XMLHttpRequest, WebSocket, EventSource, importScripts) and reports each attempt. The worker only
 * computes; prompt text it is given has no way out. Self-contained: its source text is what the worker runs.
 */
function refuseNetwork(scope: Record<string, unknown>, report: (attempt: string) => void): void {
  const refusal = (attempt: string): Error => {
    report(attempt);
    return new Error(`network refused in the analysis worker: ${attempt}`);
  };
  const target = (value: unknown): string =>
    String(typeof value === 'object' && value !== null && 'url' in value ? (value as { url: unknown }).url : value);
  scope.fetch = (input: unknown) => Promise.reject(refusal(`fetch ${target(input)}`));
  scope.XMLHttpRequest = class {
    open(method: string, url: unknown): void {
      throw refusal(`XMLHttpRequest ${method} ${target(url)}`);
    }
  };
  scope.WebSocket = function WebSocket(url: unknown) {
    throw refusal(`WebSocket ${target(url)}`);
  };
  scope.EventSource = function EventSource(url: unknown) {
    throw refusal(`EventSource ${target(url)}`);
  };
  scope.importScripts = (...urls: unknown[]) => {
    throw refusal(`importScripts ${urls.map(target).join(' ')}`);
  };
}

/** The answer in a response, or its error thrown. */
function answerOf<K extends keyof Questions>(response: EngineResponse): Questions[K]['answer'] {
  if ('answer' in response) return response.answer as Questions[K]['answer'];
  throw new Error('error' in response ? response.error : 'unexpected answer from the analysis worker');
}

declare const require: ((id: string) => unknown) | undefined;

/** Node's require where the host runs on Node; the web-worker host has none. */
function nodeRequire(): ((id: string) => unknown) | undefined {
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  return isNode && typeof require === 'function' ? require : undefined;
}

/** node:worker_threads when the host runs on Node. */
function nodeWorkerThreads(): typeof import('node:worker_threads') | undefined {
  try {
    return nodeRequire()?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  } catch {
    return undefined;
  }
}

/** The worker's bundle, evaluated in the host: Node's require, or on the web the CommonJS wrapper VS Code itself loads extensions with. */
async function loadIntoHost(script: vscode.Uri): Promise<Core> {
  const load = nodeRequire();
  if (load) return load(script.fsPath) as Core;
  const module = { exports: {} as Core };
  new Function('module', 'exports', new TextDecoder().decode(await scriptBytes(script)))(module, module.exports);
  return module.exports;
}

/** The bundle's bytes: fetched where the extension is served over http(s) (vscode.dev), else read through the workspace file system. */
async function scriptBytes(script: vscode.Uri): Promise<Uint8Array<ArrayBuffer>> {
  if (script.scheme === 'http' || script.scheme === 'https')
    return new Uint8Array(await (await fetch(script.toString(true))).arrayBuffer());
  return (await vscode.workspace.fs.readFile(script)) as Uint8Array<ArrayBuffer>;
}

/** Core's auditText, one slice of prompts at a time, each sized to about sliceBudgetMs at the pace of the last. */
async function auditInSlices(
  core: Core,
  text: string,
  fileName: string,
  options: AuditOptions,
): Promise<{ audit: FileAudit; hostMillis: number }> {
  const policy = options.policy ?? core.defaultPolicy;
  const parsing = performance.now();
  const extracted = core.extractPrompts(text, fileName, {
    promptGlobs: policy.promptFiles,
    variableSizes: policy.variables,
  });
  let hostMillis = performance.now() - parsing;
  const prompts: PromptReport[] = [];
  const notices = [...extracted.notices];
  let size = 2;
  for (let at = 0; at < extracted.prompts.length; ) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const started = performance.now();
    const slice = core.auditExtracted(
      text,
      fileName,
      { ...extracted, prompts: extracted.prompts.slice(at, at + size) },
      options,
    );
    prompts.push(...slice.prompts);
    notices.push(...slice.notices);
    at += size;
    const elapsed = performance.now() - started;
    hostMillis = Math.max(hostMillis, elapsed);
    const perPrompt = elapsed / slice.prompts.length;
    size = Math.max(1, Math.min(64, Math.floor(sliceBudgetMs / Math.max(perPrompt, 0.05))));
  }
  return {
    audit: { file: fileName, prompts, findings: mergeFindings(prompts), notices: [...new Set(notices)] },
    hostMillis,
  };
}

/** The file's findings from its prompts' reports: two prompts can share a call site, so each finding once, in order. */
export function mergeFindings(prompts: PromptReport[]): Finding[] {
  const seen = new Set<string>();
  return prompts
    .flatMap((report) => report.findings)
    .filter((finding) => {
      const key = `${finding.ruleId}:${finding.range.start}:${finding.range.end}:${finding.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => a.range.start - b.range.start);
}
