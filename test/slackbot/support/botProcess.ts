// The bot as a real child process (`node --import tsx slackbot/main.ts`), for crash tests: started with an
// environment, its port read from the start-up log line, and killed with SIGKILL like a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface BotProcess {
  port: number;
  child: ChildProcess;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

/**
 * `args` and `cwd` start another form of the bot, e.g. its built bundle in a deployment folder; `node` is the Node.js
 * to run it with (a test inside the editor runs in the editor's own Node, not the one the bot's native parts are for).
 */
export async function startBotProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  args = ['--import', 'tsx', 'slackbot/main.ts'],
  cwd = ROOT,
  node = process.execPath,
): Promise<BotProcess> {
  const child = spawn(node, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bot did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const started = /"msg":"tokenwise bot started".*?"port":(\d+)/.exec(output);
      if (started) {
        clearTimeout(timer);
        resolve(Number(started[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    port,
    child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
