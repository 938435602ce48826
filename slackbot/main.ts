// `npm run slackbot`: configuration from the environment, the policy file, the store, then the bot.
import { loadPolicy } from '../core/node';
import { startBot } from './app';
import { ConfigError, loadConfig } from './config';
import { createLog } from './log';
import { openStore } from './store';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLog(config.logLevel);
  // Without TOKENWISE_POLICY, the policy file found from the working folder up, else the defaults.
  const policy = loadPolicy(config.policyPath);
  const store = await openStore(config.store);
  const bot = await startBot({ config, store, policy, log });
  const shutdown = async (signal: string) => {
    log.info('stopping', { signal });
    await bot.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // Configuration and policy problems are the operator's to fix: say what, without a stack trace.
  const known = error instanceof ConfigError || (error instanceof Error && error.name === 'PolicyError');
  process.stderr.write(`${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(known ? 2 : 1);
});
