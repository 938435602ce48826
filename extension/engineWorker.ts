// The worker side of engine.ts: core's audit and token counts, one request at a time, off the extension host's
// thread. The same bundle (dist/engineWorker.js) runs as a Node worker thread on the desktop and as a Web Worker on
// the web; it says it is ready once loaded, so the host can tell a worker that cannot load from one that failed.
import { auditText, countTokens } from '../core';
import type { EngineRequest, EngineResponse } from './engine';

declare const require: (id: 'node:worker_threads') => typeof import('node:worker_threads');
declare const importScripts: unknown;

function answer(request: EngineRequest): EngineResponse {
  try {
    if (request.kind === 'audit') return { id: request.id, audit: auditText(request.text, request.fileName, request.options) };
    return { id: request.id, counts: request.texts.map((text) => countTokens(text, request.model, { fallback: 'estimate' })) };
  } catch (error) {
    // Text core cannot handle (nesting beyond the parser's stack, say) fails this request, not the worker.
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

if (typeof importScripts === 'function') {
  const scope = globalThis as unknown as { postMessage(message: EngineResponse): void; onmessage: (event: { data: EngineRequest }) => void };
  scope.onmessage = (event) => scope.postMessage(answer(event.data));
  scope.postMessage({ ready: true });
} else {
  const port = require('node:worker_threads').parentPort!;
  port.on('message', (request: EngineRequest) => port.postMessage(answer(request)));
  port.postMessage({ ready: true });
}
