// A real PostgreSQL server for the store suites, started on first use and shared by every suite of the run: one
// fresh database per suite, and a bounded stop when the run ends (also on an abrupt exit). Durability is switched
// off: the tests kill the bot, not the database.
import { startPostgres, type PostgresServer } from './postgresServer';

let server: Promise<PostgresServer> | undefined;
let databases = 0;

// An interrupted run exits, and the server stops on the process's exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

// A root-level hook: mocha runs it once, after every suite of the run. A loaded machine can take seconds to stop.
after(async function () {
  this.timeout(30_000);
  const current = server;
  server = undefined;
  (await current)?.stop();
});

/** A connection string to a new, empty database on the shared test server (started on first use). */
export async function createTestDatabase(): Promise<string> {
  server ??= startPostgres(['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']);
  return (await server).createDatabase(`tokenwise_test_${process.pid}_${++databases}`);
}
