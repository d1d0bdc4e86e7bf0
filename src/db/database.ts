import { PrismaClient } from './generated/client.js';
import type { Prisma } from './generated/client.js';
import { openDatabase, type DatabaseConnection, type DatabaseTarget } from './adapter.js';
import { applyPendingMigrations } from './migrate.js';
import { inTransaction, reportingTransactions, runOutsideTransactionsOn } from './direct-sql.js';
import { transactionQueue } from './work-queue.js';

export type Tx = Prisma.TransactionClient;

/** The open database: the Prisma client plus the raw connection for migrations and health checks. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly connection: DatabaseConnection;
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the database and applies pending migrations (safe when several instances start at once). */
export async function openMigratedDatabase(target: DatabaseTarget, options: { maxWaitingTransactions?: number } = {}): Promise<Database> {
  const connection = await openDatabase(target);
  await connection.withSession((session) => applyPendingMigrations(session));
  const prisma = new PrismaClient({ adapter: reportingTransactions(connection.adapter) });
  runOutsideTransactionsOn(prisma, await connection.adapter.connect());
  const queue = transactionQueue(connection.connections, options.maxWaitingTransactions);
  return {
    prisma,
    connection,
    transaction: (work) => queue.run(() => inTransaction((inside) => prisma.$transaction(inside, { timeout: 15_000, maxWait: 10_000 }), work)),
    isHealthy: async () => {
      try {
        await connection.withSession((session) => session.query('SELECT 1'));
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await queue.close();
      await prisma.$disconnect();
      await connection.close();
    },
  };
}
