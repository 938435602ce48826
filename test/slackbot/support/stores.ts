// The two stores a suite runs on: SQLite in the suite's directory, and a fresh database on the test PostgreSQL server.
import { join } from 'node:path';
import type { StoreLocation } from '../../../slackbot/store';
import { createTestDatabase } from './postgres';

export const storeKinds: Array<{ name: string; location: (dir: string) => Promise<StoreLocation> }> = [
  { name: 'SQLite', location: async (dir) => ({ kind: 'sqlite', file: join(dir, 'bot.db') }) },
  { name: 'PostgreSQL', location: async () => ({ kind: 'postgres', url: await createTestDatabase() }) },
];
