import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/adapter.js';
import { MIGRATIONS_DIR, applyPendingMigrations } from '../../src/db/migrate.js';
import { openMigratedDatabase } from '../../src/db/database.js';
import fs from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase | undefined;
afterEach(async () => database?.drop());

const migrationNames = () => fs.readdirSync(MIGRATIONS_DIR).filter((name) => fs.statSync(`${MIGRATIONS_DIR}/${name}`).isDirectory()).sort();

describe('migrations at start-up', () => {
  it('applies every migration once, recorded as Prisma records them, and nothing on the next start', async () => {
    database = await createTestDatabase();
    const connection = await openDatabase(database.target);
    try {
      expect(await connection.withSession((session) => applyPendingMigrations(session))).toEqual(migrationNames());
      expect(await connection.withSession((session) => applyPendingMigrations(session))).toEqual([]);
      const rows = await connection.withSession((session) =>
        session.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM "_prisma_migrations"'),
      );
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames());
      expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await connection.close();
    }
  });

  it('is safe when several instances start at once', async () => {
    database = await createTestDatabase();
    if (database.target.kind !== 'postgres') return; // one process per PGlite directory: nothing runs at once
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase(database!.target)));
    try {
      const applied = await Promise.all(instances.map((instance) => instance.withSession((session) => applyPendingMigrations(session))));
      expect(applied.flat().sort()).toEqual(migrationNames());
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });
});

describe('the audit trail', () => {
  it('refuses UPDATE and DELETE, also from direct SQL', async () => {
    database = await createTestDatabase();
    const db = await openMigratedDatabase(database.target);
    try {
      await db.prisma.auditEntry.create({ data: { recordType: 'incident', recordId: 1, recordNumber: 'INC-000001', actorId: 'U1', action: 'created', at: new Date() } });
      const directSql = (sql: string) => db.connection.withSession((session) => session.exec(sql));
      await expect(directSql(`UPDATE "AuditEntry" SET "actorId" = 'U2'`)).rejects.toThrow(/append-only/);
      await expect(directSql(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
      await expect(directSql(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
      expect(await db.prisma.auditEntry.findMany()).toMatchObject([{ actorId: 'U1' }]);
    } finally {
      await db.close();
    }
  });
});
