// One HTTP server for everything: Slack's requests (/slack/events, HTTP mode) and the API (/v1/*), on one port.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { AmountOverflowError } from '../../core';
import type { BotContext } from '../context';
import { exportAudit } from './audit';
import { liveness, readiness } from './health';
import { ingestUsage } from './ingest';
import { promptUsageRoute } from './prompts';
import { checkQuotaRoute } from './quotaCheck';
import { admitSlackRequest } from './replay';
import { sendJson } from './respond';

export type Route = (req: IncomingMessage, res: ServerResponse, bot: BotContext) => Promise<void>;

/** API routes by "METHOD /path"; a new endpoint is one line here. */
export const routes: Record<string, Route> = {
  'POST /v1/usage': ingestUsage,
  'GET /v1/usage/prompts': promptUsageRoute,
  'GET /v1/quota/audit.csv': exportAudit,
  'GET /v1/quota/check': checkQuotaRoute,
  'GET /healthz': liveness,
  'GET /readyz': readiness,
};

export function createHttpServer(bot: BotContext, slack?: RequestListener): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const failed = (error: unknown) => {
      bot.log.error('request failed', { path, error });
      // A total past exact numbers is said as such rather than shown rounded.
      if (!res.headersSent)
        sendJson(res, 500, {
          error: error instanceof AmountOverflowError ? error.message : 'internal error; it has been logged',
        });
    };
    if (slack && path === '/slack/events') {
      admitSlackRequest(req, res, bot)
        .then((admitted) => admitted && slack(req, res))
        .catch(failed);
      return;
    }
    const route = routes[`${req.method} ${path}`];
    if (!route) {
      // A known path asked with another method is told which methods it takes.
      const allowed = Object.keys(routes).flatMap((key) => (key.endsWith(` ${path}`) ? [key.split(' ')[0]!] : []));
      if (allowed.length)
        return sendJson(
          res,
          405,
          { error: `${req.method} ${path}: use ${allowed.join(' or ')}` },
          { allow: allowed.join(', ') },
        );
      return sendJson(res, 404, { error: `no route ${req.method} ${path}` });
    }
    route(req, res, bot).catch(failed);
  });
}
