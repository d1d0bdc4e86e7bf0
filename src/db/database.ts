import { PrismaClient } from './generated/client.js';
import type { Prisma } from './generated/client.js';
import { openDatabase, type DatabaseConnection, type DatabaseTarget } from './adapter.js';
import { applyPendingMigrations } from './migrate.js';
import { inTransaction, reportingTransactions, runOutsideTransactionsOn } from './direct-sql.js';
import { transactionQueue } from './work-queue.js';
import type { ClaimedMessage } from './repositories/outbox.js';

export type Tx = Prisma.TransactionClient;

/** The open database: the Prisma client plus the raw connection for migrations and health checks. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly connection: DatabaseConnection;
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Who takes the outbox messages of each transaction once it commits (this process's worker); none: they wait for a claim. */
  receiveOutbox(receiver: OutboxReceiver | undefined): void;
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** The outbox worker of this process, as the transactions see it. */
export interface OutboxReceiver {
  /** How long a message claimed for it stays with it. */
  readonly leaseMs: number;
  /** A transaction committed: `claimed` are its messages, claimed for this receiver as they were enqueued. */
  committed(handOff: OutboxHandOff): void;
}

export interface OutboxHandOff {
  claimed: ClaimedMessage[];
  /** When the claims end (the earliest, if the transaction enqueued more than once). */
  leaseUntil: Date;
  /** Some of its messages wait behind earlier ones about the same record: a claim pass has to follow. */
  waiting: boolean;
}

/** What one transaction enqueued so far. */
interface TransactionOutbox extends OutboxHandOff {
  readonly receiver: OutboxReceiver | undefined;
  enqueued: boolean;
}

const outboxOf = new WeakMap<Tx, TransactionOutbox>();
/** Later than any lease: what the first enqueue's lease replaces. */
const NO_LEASE_YET = new Date(8.64e15);

/**
 * The receiver to claim a transaction's new outbox messages for (none outside `Database.transaction`
 * or without a worker), and where to note what was enqueued, for the hand-off after the commit.
 */
export function outboxOfTransaction(tx: Tx): { receiver: OutboxReceiver | undefined; note(enqueued: { claimed: ClaimedMessage[]; leaseUntil: Date; waiting: boolean }): void } {
  const outbox = outboxOf.get(tx);
  return {
    receiver: outbox?.receiver,
    note: ({ claimed, leaseUntil, waiting }) => {
      if (!outbox) return;
      outbox.enqueued = true;
      outbox.claimed.push(...claimed);
      if (leaseUntil < outbox.leaseUntil) outbox.leaseUntil = leaseUntil;
      outbox.waiting ||= waiting;
    },
  };
}

/** Opens the database and applies pending migrations (safe when several instances start at once). */
export async function openMigratedDatabase(target: DatabaseTarget, options: { maxWaitingTransactions?: number } = {}): Promise<Database> {
  const connection = await openDatabase(target);
  await connection.withSession((session) => applyPendingMigrations(session));
  const prisma = new PrismaClient({ adapter: reportingTransactions(connection.adapter) });
  runOutsideTransactionsOn(prisma, await connection.adapter.connect());
  const queue = transactionQueue(connection.connections, options.maxWaitingTransactions);
  let outboxReceiver: OutboxReceiver | undefined;
  return {
    prisma,
    connection,
    transaction: async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
      const outbox: TransactionOutbox = { receiver: outboxReceiver, claimed: [], leaseUntil: NO_LEASE_YET, waiting: false, enqueued: false };
      const start = (inside: (tx: Tx) => Promise<T>) => prisma.$transaction(inside, { timeout: 15_000, maxWait: 10_000 });
      const result = await queue.run(() =>
        inTransaction(start, (tx) => {
          outboxOf.set(tx, outbox);
          return work(tx);
        }),
      );
      // Only now may the messages go: they report what the transaction changed.
      if (outbox.enqueued) outbox.receiver?.committed(outbox);
      return result;
    },
    receiveOutbox: (receiver) => {
      outboxReceiver = receiver;
    },
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
