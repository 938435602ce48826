// Wires the bot together: Bolt (HTTP or Socket Mode), the listeners, the HTTP server, the scheduled pulls and alerts.
import { App, HTTPReceiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Policy } from '../core';
import { announceBreaker } from './alerts/breakers';
import { startAlerts } from './alerts/scheduler';
import { subjectsOf } from './alerts/subjects';
import type { Config } from './config';
import type { BotContext } from './context';
import { createHttpServer } from './http/server';
import { registerListeners } from './listeners';
import { boltLogger, type Log } from './log';
import { startGuardrailPruning, startLifecycle } from './guardrails';
import { startPulls } from './pulls/scheduler';
import type { Store } from './store/store';

export interface BotDeps {
  config: Config;
  store: Store;
  policy: Policy;
  log: Log;
  now?: () => Date;
}

export interface RunningBot {
  port: number;
  stop(): Promise<void>;
}

export async function startBot({ config, store, policy, log, now = () => new Date() }: BotDeps): Promise<RunningBot> {
  let alerts: ReturnType<typeof startAlerts> | undefined;
  const bot: BotContext = {
    config,
    store,
    policy,
    timeZone: config.timeZone ?? policy.timeZone,
    log,
    now,
    usageStored: (events) => alerts?.check(subjectsOf(events)),
  };
  const logger = boltLogger(log, config.logLevel);
  const clientOptions = config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {};
  const receiver =
    config.mode === 'http'
      ? new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: '/slack/events', logger })
      : undefined;
  const app = receiver
    ? new App({ token: config.botToken, receiver, logger, clientOptions })
    : // The Socket Mode client opens its connection (apps.connections.open) with its own Web API client.
      new App({
        token: config.botToken,
        appToken: config.appToken,
        socketMode: true,
        logger,
        clientOptions,
        installerOptions: { clientOptions },
      });
  bot.breakerTripped = (breaker) =>
    void announceBreaker(bot, app.client, breaker).catch((error) => log.error('breaker alert failed', { error }));
  registerListeners(app, bot);
  app.error(async (error) => log.error('listener failed', { error }));

  const server = createHttpServer(bot, receiver?.requestListener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  if (!receiver) await app.start();
  const pulls = startPulls(bot);
  const pruning = startGuardrailPruning(bot);
  const lifecycle = startLifecycle(bot);
  alerts = startAlerts(bot, app.client);
  const port = (server.address() as AddressInfo).port;
  log.info('tokenwise bot started', {
    mode: config.mode,
    host: config.host ?? 'every interface',
    port,
    store: store.kind,
    timeZone: bot.timeZone,
  });
  return {
    port,
    async stop() {
      pulls.stop();
      clearInterval(pruning);
      clearInterval(lifecycle);
      await alerts?.stop();
      if (!receiver) await app.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
