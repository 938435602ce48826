// A real PostgreSQL server for the store suites: initdb into a temp dir, pg_ctl start on a free 127.0.0.1 port
// with its unix socket in that dir, one fresh database per suite, and a bounded stop when the run ends (also on
// an abrupt exit). initdb refuses to run as root, so as root the server runs as the `postgres` OS user.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
// @ts-expect-error: a plain .mjs script without type declarations.
import { findPostgresBin } from '../../../scripts/prereqs.mjs';

interface Server {
  dir: string;
  port: number;
  bin: string;
  asUser: string[];
}

let server: Promise<Server> | undefined;
let running: Server | undefined;
let databases = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function run(server: Pick<Server, 'bin' | 'asUser'>, tool: string, args: string[], timeoutMs: number): void {
  const command = [...server.asUser, join(server.bin, tool), ...args];
  execFileSync(command[0]!, command.slice(1), { stdio: 'pipe', timeout: timeoutMs });
}

async function start(): Promise<Server> {
  const bin = findPostgresBin() as string | undefined;
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql); `npm test` installs it as root');
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-pg-'));
  const asUser: string[] = [];
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
    asUser.push('runuser', '-u', 'postgres', '--');
  }
  const port = await freePort();
  const data = join(dir, 'data');
  const started: Server = { dir, port, bin, asUser };
  run(
    started,
    'initdb',
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    60_000,
  );
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(started, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start'], 40_000);
  running = started;
  return started;
}

function stop(): void {
  const current = running;
  running = undefined;
  server = undefined;
  if (!current) return;
  try {
    run(current, 'pg_ctl', ['-D', join(current.dir, 'data'), '-m', 'immediate', '-w', '-t', '20', 'stop'], 25_000);
  } catch {
    // Already gone; the directory is removed either way.
  }
  rmSync(current.dir, { recursive: true, force: true });
}

process.once('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop();
    process.exit(130);
  });
}

// A root-level hook: mocha runs it once, after every suite of the run. A loaded machine can take seconds to stop.
after(function () {
  this.timeout(30_000);
  stop();
});

/** A connection string to a new, empty database on the shared test server (started on first use). */
export async function createTestDatabase(): Promise<string> {
  server ??= start();
  const { port } = await server;
  const name = `tokenwise_test_${process.pid}_${++databases}`;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `postgres://postgres@127.0.0.1:${port}/${name}`;
}
