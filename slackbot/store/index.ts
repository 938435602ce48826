// Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, SQLite otherwise.
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { Store } from './store';

export type StoreLocation = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'sqlite'; file: string };

export async function openStore(location: StoreLocation): Promise<Store> {
  return location.kind === 'postgres'
    ? PostgresStore.open(location.url, location.poolSize)
    : new SqliteStore(location.file);
}
