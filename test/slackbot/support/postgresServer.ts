// A private PostgreSQL server: initdb into a temp dir, pg_ctl start on a free 127.0.0.1 port with its unix socket
// in that dir, and a bounded stop (also on an abrupt exit of the process). initdb refuses to run as root, so as
// root the server runs as the `postgres` OS user. The store suites and `npm run bench:bot` both start one.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
// @ts-expect-error: a plain .mjs script without type declarations.
import { findPostgresBin } from '../../../scripts/prereqs.mjs';

export interface PostgresServer {
  port: number;
  /** A connection string to a new, empty database named `name` on this server. */
  createDatabase(name: string): Promise<string>;
  /** Drops the database `name`, whose connections are closed. */
  dropDatabase(name: string): Promise<void>;
  /** Stops the server (immediately: its data is thrown away) and removes its directory; once is enough. */
  stop(): void;
}

interface Process {
  bin: string;
  asUser: string[];
}

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

function run(server: Process, tool: string, args: string[], timeoutMs: number): void {
  const command = [...server.asUser, join(server.bin, tool), ...args];
  execFileSync(command[0]!, command.slice(1), { stdio: 'pipe', timeout: timeoutMs });
}

/** Starts a server with `settings` (`-c name=value` options of postgres). */
export async function startPostgres(settings: readonly string[]): Promise<PostgresServer> {
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
  const server: Process = { bin, asUser };
  run(
    server,
    'initdb',
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    60_000,
  );
  const options = [`-h 127.0.0.1 -p ${port} -k ${dir}`, ...settings.map((setting) => `-c ${setting}`)].join(' ');
  run(server, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start'], 40_000);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(server, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop'], 25_000);
    } catch {
      // Already gone; the directory is removed either way.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  /** Runs `sql` in the server's own `postgres` database. */
  const administer = async (sql: string) => {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  return {
    port,
    async createDatabase(name) {
      await administer(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    dropDatabase: (name) => administer(`DROP DATABASE ${name}`),
    stop,
  };
}
