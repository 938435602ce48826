// The worker side of engine.ts, and the only bundle that carries the tokenizer's rank data and the parser
// (dist/engineWorker.js). Started as a Node worker thread it serves the host's requests itself; as a Web Worker the
// host's bootstrap calls `serve`; loaded into the host (when no worker can run, or for the opt-in exact counter) it
// only exports core's functions.
import { auditText, countTokens } from '../core';
import type { EngineRequest, EngineResponse } from './engine';

export { auditExtracted, countTokens, defaultPolicy, ExactTokenCounter, extractPrompts } from '../core';

/** Marks a Node worker thread started by engine.ts (as its workerData), as opposed to the host requiring this file. */
export const workerMark = 'tokenwise analysis';

declare const require: ((id: 'node:worker_threads') => typeof import('node:worker_threads')) | undefined;

export function answer(request: EngineRequest): EngineResponse {
  try {
    if (request.kind === 'audit') return { id: request.id, audit: auditText(request.text, request.fileName, request.options) };
    return { id: request.id, counts: request.texts.map((text) => countTokens(text, request.model, { fallback: 'estimate' })) };
  } catch (error) {
    // Text core cannot handle (nesting beyond the parser's stack, say) fails this request, not the worker.
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers every request, one at a time, after saying it is ready (so the host tells a worker that cannot load from one that failed). */
export function serve(onRequest: (handler: (request: EngineRequest) => void) => void, post: (response: EngineResponse) => void): void {
  onRequest((request) => post(answer(request)));
  post({ ready: true });
}

if (typeof require === 'function') {
  const threads = require('node:worker_threads');
  const port = threads.parentPort;
  if (port && threads.workerData === workerMark) serve((handler) => port.on('message', handler), (response) => port.postMessage(response));
}
