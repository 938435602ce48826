// What the extension host and its analysis worker say to each other (engine.ts and engineWorker.ts): types and the
// one shared constant only, so importing it pulls no core code into the host's bundle.
import type { AuditOptions, CustomModelPrices, FileAudit, Policy, PolicyIssue, TokenCount } from '../core';
import type { PriceQuestion, PromptPrices } from './comparison';

/** What each kind of request asks the worker, and what it answers. */
export interface Questions {
  audit: { ask: { text: string; fileName: string; options: AuditOptions }; answer: FileAudit };
  count: { ask: { texts: string[]; model: string }; answer: TokenCount[] };
  prices: { ask: { question: PriceQuestion }; answer: PromptPrices };
  models: { ask: { customModels: CustomModelPrices | undefined }; answer: ModelChoice[] };
  /** The policy file's text, or undefined for the default policy. */
  policy: { ask: { text: string | undefined; fileName: string }; answer: PolicyAnswer };
}

/** A model the picker offers. */
export interface ModelChoice {
  id: string;
  provider: string;
  tier: string;
}

/** The policy in force: the file's, or the default one with the file's problems when it has any. */
export interface PolicyAnswer {
  policy: Policy;
  issues: PolicyIssue[];
}

export type EngineRequest = { [K in keyof Questions]: { id: number; kind: K } & Questions[K]['ask'] }[keyof Questions];

export type EngineResponse =
  | { ready: true; watchingNetwork: boolean }
  /** A network request the worker's code attempted and was refused, reported only while the test harness watches. */
  | { network: string }
  | { id: number; answer: Questions[keyof Questions]['answer'] }
  | { id: number; error: string };

/** Marks a Node worker thread started by engine.ts (as its workerData), as opposed to the host requiring the worker's bundle. */
export const workerMark = 'tokenwise analysis';
