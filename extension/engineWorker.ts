// The worker side of engine.ts, and the only bundle that carries the tokenizer's rank data, the parser, the price data
// and the policy file's schema (dist/engineWorker.js). Started as a Node worker thread it serves the host's requests itself; as a Web Worker the
// host's bootstrap calls `serve`; loaded into the host (when no worker can run, or for the opt-in exact counter) it
// only exports core's functions.
import { auditText, countTokens, defaultPolicy, listModels, parsePolicy, PolicyError, type PolicyIssue } from '../core';
import { promptPrices } from './comparison';
import {
  workerMark,
  type EngineRequest,
  type EngineResponse,
  type PolicyAnswer,
  type Questions,
} from './engineProtocol';

export {
  auditExtracted,
  countTokens,
  defaultPolicy,
  ExactTokenCounter,
  extractPrompts,
  fetchObservedUsage,
  observedVolumes,
} from '../core';

/**
 * Set in the extension host's environment by the test harness: the worker thread then refuses every network request
 * its code makes and reports each to the host, which is how the privacy tests see into the thread prompt text goes to.
 */
const watchNetworkVariable = 'TOKENWISE_WATCH_NETWORK';

declare const require: (<T>(id: string) => T) | undefined;

export function answer(request: EngineRequest): EngineResponse {
  try {
    return { id: request.id, answer: answerOf(request) };
  } catch (error) {
    // Text core cannot handle (nesting beyond the parser's stack, say) fails this request, not the worker.
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

function answerOf(request: EngineRequest): Questions[keyof Questions]['answer'] {
  switch (request.kind) {
    case 'audit':
      return auditText(request.text, request.fileName, request.options);
    case 'count':
      return request.texts.map((text) => countTokens(text, request.model, { fallback: 'estimate' }));
    case 'prices':
      return promptPrices(request.question);
    case 'models':
      return listModels({ customModels: request.customModels }).map(({ id, provider, tier }) => ({
        id,
        provider,
        tier,
      }));
    case 'policy':
      return policyOf(request.text, request.fileName);
  }
}

/** A broken policy file leaves the default policy in force, with every problem on its line. */
function policyOf(text: string | undefined, fileName: string): PolicyAnswer {
  if (text === undefined) return { policy: defaultPolicy, issues: [] };
  try {
    return { policy: parsePolicy(text, fileName), issues: [] };
  } catch (error) {
    const issues: PolicyIssue[] =
      error instanceof PolicyError ? error.issues : [{ line: 1, path: '', message: String(error) }];
    return { policy: defaultPolicy, issues };
  }
}

/** Answers every request, one at a time, after saying it is ready (so the host tells a worker that cannot load from one that failed). */
export function serve(
  onRequest: (handler: (request: EngineRequest) => void) => void,
  post: (response: EngineResponse) => void,
  watchingNetwork = false,
): void {
  onRequest((request) => post(answer(request)));
  post({ ready: true, watchingNetwork });
}

/**
 * Replaces every way this thread's code can open a connection — http(s).request/get, net sockets (which TLS, undici
 * and so fetch also connect through) and fetch itself — with a refusal that reports what was attempted.
 */
function watchNetwork(load: <T>(id: string) => T, report: (attempt: string) => void): void {
  const refusal = (attempt: string): Error => {
    report(attempt);
    return new Error(`network refused in the analysis worker: ${attempt}`);
  };
  for (const name of ['node:http', 'node:https'] as const) {
    const module = load<typeof import('node:http')>(name);
    for (const method of ['request', 'get'] as const) {
      Object.assign(module, {
        [method]: (target: unknown) => {
          throw refusal(`${name.slice('node:'.length)}.${method} ${describe(target)}`);
        },
      });
    }
  }
  const net = load<typeof import('node:net')>('node:net');
  net.Socket.prototype.connect = function connect(...args: unknown[]) {
    // net.connect() passes its arguments on as one normalized array.
    const given: unknown[] = Array.isArray(args[0]) ? args[0] : args;
    throw refusal(
      `net.Socket.connect ${given
        .filter((arg) => arg != null && typeof arg !== 'function')
        .map(describe)
        .join(' ')}`,
    );
  } as typeof net.Socket.prototype.connect;
  globalThis.fetch = ((target: unknown) => Promise.reject(refusal(`fetch ${describe(target)}`))) as typeof fetch;
}

/** A request's target as its caller gave it: URL, options object or port. */
function describe(target: unknown): string {
  if (target instanceof URL || typeof target !== 'object' || target === null) return String(target);
  const { url, href, host, hostname, port, path } = target as Record<string, unknown>;
  if (url !== undefined || href !== undefined) return String(url ?? href);
  return `${String(hostname ?? host ?? '')}${port === undefined ? '' : `:${String(port)}`}${typeof path === 'string' ? path : ''}`;
}

if (typeof require === 'function') {
  const threads = require<typeof import('node:worker_threads')>('node:worker_threads');
  const port = threads.parentPort;
  if (port && threads.workerData === workerMark) {
    const post = (response: EngineResponse) => port.postMessage(response);
    const watching = Boolean(process.env[watchNetworkVariable]);
    if (watching) watchNetwork(require, (attempt) => post({ network: attempt }));
    serve((handler) => port.on('message', handler), post, watching);
  }
}
