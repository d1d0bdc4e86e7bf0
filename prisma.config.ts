// Prisma CLI configuration (generate, migrate diff). The CLI talks to the database through a
// driver adapter and the WASM schema engine, so nothing is downloaded (see README, "Development").
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  experimental: { adapter: true },
  // Imported lazily so that `prisma generate` (run on every install) loads no database driver.
  adapter: async () => {
    const { openDatabase, targetFromUrl } = await import('./src/db/adapter.js');
    const dataDir = path.join(process.env.DATA_DIR ?? 'data', 'pglite');
    return (await openDatabase(targetFromUrl(process.env.DATABASE_URL, dataDir))).adapter;
  },
});
