// Applies prisma/migrations at start-up. Prisma's own `migrate deploy` cannot run inside the app
// process on PGlite (one process per data directory) and needs a type shim on a PostgreSQL server,
// so the app applies the same migration files itself, recording them in Prisma's
// `_prisma_migrations` table with Prisma's checksum, so the Prisma CLI still sees the history.
// Prisma's advisory-lock key serialises concurrent starts (ours and the CLI's).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlSession } from './adapter.js';

const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export async function applyPendingMigrations(session: SqlSession, dir = MIGRATIONS_DIR): Promise<string[]> {
  await session.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  try {
    await ensureMigrationsTable(session);
    const applied = await appliedMigrations(session);
    const pending = readMigrationFiles(dir).filter((migration) => !isApplied(migration, applied));
    for (const migration of pending) await applyMigration(session, migration);
    return pending.map((migration) => migration.name);
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

function readMigrationFiles(dir: string): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

function isApplied(migration: MigrationFile, applied: AppliedRow[]): boolean {
  const rows = applied.filter((row) => row.migration_name === migration.name && !row.rolled_back_at);
  if (rows.some((row) => !row.finished_at)) {
    throw new MigrationError(`Migration ${migration.name} failed earlier and needs attention (see README, "Migrations").`);
  }
  return rows.length > 0;
}

async function ensureMigrationsTable(session: SqlSession): Promise<void> {
  await session.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
}

async function appliedMigrations(session: SqlSession): Promise<AppliedRow[]> {
  return session.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
}

async function applyMigration(session: SqlSession, migration: MigrationFile): Promise<void> {
  await session.exec('BEGIN');
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
  }
}
