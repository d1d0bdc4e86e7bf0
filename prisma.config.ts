// Prisma CLI configuration (generate, migrate dev/diff). The CLI talks to the database through a
// driver adapter and the WASM schema engine, so nothing is downloaded (see README, "Development").
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { openDatabaseAdapter } from './src/db/adapter.js';

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => openDatabaseAdapter(process.env.DATABASE_URL),
});
