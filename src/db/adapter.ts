import fs from 'node:fs';
import path from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { PrismaPGlite } from 'pglite-prisma-adapter';

/** Where the data lives: an embedded PGlite directory (or memory), or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | 'memory' }
  | { kind: 'postgres'; url: string };

const POOL_SIZE = 10;

export const DEFAULT_PGLITE_DIR = path.join('data', 'pglite');

/** The few raw operations the migrator and health check need, on one session. */
export interface SqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface DatabaseConnection {
  readonly target: DatabaseTarget;
  readonly adapter: PrismaPGlite | PrismaPg;
  /** How many queries it runs at once: PGlite one, a server its pool's size. */
  readonly connections: number;
  /** Runs `work` on one dedicated session (needed for session-level advisory locks). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function targetFromUrl(databaseUrl: string | undefined, pgliteDir = DEFAULT_PGLITE_DIR): DatabaseTarget {
  return databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir: pgliteDir };
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseConnection> {
  return target.kind === 'pglite' ? openPglite(target) : openPostgres(target);
}

async function openPglite(target: { kind: 'pglite'; dataDir: string }): Promise<DatabaseConnection> {
  // Loaded only here: PGlite adds some 45 MB to a process that talks to a PostgreSQL server instead.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  if (target.dataDir !== 'memory') fs.mkdirSync(target.dataDir, { recursive: true });
  const opened = target.dataDir === 'memory' ? new PGlite() : new PGlite(target.dataDir);
  await opened.waitReady;
  const client = servingIoBetweenQueries(opened);
  const session: SqlSession = {
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
    exec: async (sql) => {
      await client.exec(sql);
    },
  };
  return {
    target,
    adapter: new PrismaPGlite(client),
    connections: 1,
    withSession: (work) => work(session),
    close: () => client.close(),
  };
}

async function openPostgres(target: { kind: 'postgres'; url: string }): Promise<DatabaseConnection> {
  const pool = new pg.Pool({ connectionString: target.url, max: POOL_SIZE });
  // An idle connection the server closes (a restart, a failover, an administrator) is dropped by
  // the pool, and the next query opens a new one. Without a listener Node would crash on it;
  // errors of running queries still reach their callers.
  pool.on('error', () => undefined);
  return {
    target,
    adapter: new PrismaPg(pool),
    connections: POOL_SIZE,
    withSession: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          query: async <Row>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params)).rows as Row[],
          exec: async (sql) => {
            await client.query(sql);
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs every query on this thread, and a run of queries settles through promises alone, so
 * without a pause Node would not read a new HTTP request until a whole batch of work is done.
 * Yielding to the event loop before each query lets Slack's requests be acknowledged in between.
 */
function servingIoBetweenQueries<Client extends PGlite | Transaction>(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'query' || property === 'exec') {
        return async (...args: unknown[]) => {
          await yieldToIo();
          return (value as (...params: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === 'transaction') {
        return (work: (tx: Transaction) => Promise<unknown>) => (value as PGlite['transaction']).call(target, (tx) => work(servingIoBetweenQueries(tx)));
      }
      return (value as (...params: unknown[]) => unknown).bind(target);
    },
  });
}
