// A fresh, empty database per test file: in-memory PGlite, or a new database on the PostgreSQL
// server named by TEST_DATABASE_URL when the test project is 'postgres'.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/db/adapter.js';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * @param persistent for PGlite, a directory instead of memory, so the database outlives the
 * process that opened it (a restart test); a server database always does.
 * @param serverUrl a PostgreSQL server to create the database on; by default the test server when
 * the project is 'postgres', else PGlite.
 */
export async function createTestDatabase(persistent = false, serverUrl = serverOfTestProject()): Promise<TestDatabase> {
  if (!serverUrl) {
    if (!persistent) return { target: { kind: 'pglite', dataDir: 'memory' }, drop: async () => undefined };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsm-pglite-'));
    return { target: { kind: 'pglite', dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `itsm_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

function serverOfTestProject(): string | undefined {
  if (process.env.TEST_DB !== 'postgres') return undefined;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL must be set for the postgres test project');
  return serverUrl;
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
