// The PostgreSQL server closing the bot's idle connections (a restart, a failover, an
// administrator) must not crash the bot: the next query simply opens a new connection.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { openMigratedDatabase } from '../../src/db/database.js';
import { createTestDatabase } from '../support/test-database.js';

describe('idle connections closed by the server', () => {
  it('are replaced on the next query', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // PGlite has no server to close them
    const database = await createTestDatabase();
    const db = await openMigratedDatabase(database.target);
    try {
      expect(await db.prisma.counter.count()).toBeGreaterThan(0);
      const name = new URL(database.target.kind === 'postgres' ? database.target.url : '').pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect.poll(() => db.prisma.counter.count().catch(() => -1), { timeout: 5000 }).toBeGreaterThan(0);
      expect(await db.isHealthy()).toBe(true);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
