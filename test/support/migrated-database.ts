// A migrated database for a test file (vitest hooks).
import { afterAll, beforeAll } from 'vitest';
import { openMigratedDatabase, type Database } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * A migrated database of its own for the calling test file: opened before its tests, closed and
 * dropped after them. Read `.db` inside the tests.
 */
export function useMigratedDatabase(): { readonly db: Database } {
  let database: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openMigratedDatabase(database.target);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  return {
    get db(): Database {
      if (!db) throw new Error('the database opens in beforeAll');
      return db;
    },
  };
}
