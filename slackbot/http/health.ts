// Health contract for process managers and load balancers: /healthz says the process serves HTTP (restart it when
// this fails), /readyz says it can do its work, i.e. its store answers (send it traffic only when this passes).
import type { Route } from './server';
import { sendJson } from './respond';

/** A store slower than this counts as unreachable, so a probe gets its answer before the prober's own timeout. */
const READY_DEADLINE_MS = 2_000;

export const liveness: Route = async (_req, res) => sendJson(res, 200, { ok: true });

export const readiness: Route = async (_req, res, bot) => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_DEADLINE_MS} ms`)), READY_DEADLINE_MS);
  });
  try {
    await Promise.race([bot.store.ping(), deadline]);
    sendJson(res, 200, { ready: true, store: bot.store.kind });
  } catch (error) {
    bot.log.warn('not ready: the store does not answer', { error });
    sendJson(
      res,
      503,
      { ready: false, store: bot.store.kind, reason: 'the store does not answer' },
      { 'retry-after': '5' },
    );
  } finally {
    clearTimeout(timer);
  }
};
