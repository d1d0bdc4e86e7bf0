// The statements the bot runs for every record and every Slack message (numbering, audit entries,
// outbox messages and their delivery, request keys, row locks) go straight to the driver adapter,
// on the transaction's own connection, instead of through Prisma's client. Prisma 6 spends about
// 1 to 2 ms of CPU on each statement (a query plan compiled in WebAssembly, then interpreted); the
// adapter spends about 0.1 ms. A report runs a dozen statements before its card can go out.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArgType, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';
import type { Prisma } from './generated/client.js';

type Tx = Prisma.TransactionClient;

/** Set while Prisma starts the transaction of one `inTransaction` call: who to tell about it. */
const startingTransaction = new AsyncLocalStorage<(connection: SqlQueryable) => void>();
/** Where statements go: each transaction's connection, and the adapter for the client itself. */
const connectionOf = new WeakMap<Tx, SqlQueryable>();

/** Statements given the client itself (outside any transaction) go to `adapter`. */
export function runOutsideTransactionsOn(prisma: Tx, adapter: SqlQueryable): void {
  connectionOf.set(prisma, adapter);
}

/** The adapter factory to give Prisma: each transaction it starts is handed to `inTransaction`. */
export function reportingTransactions<Factory extends SqlDriverAdapterFactory>(factory: Factory): Factory {
  return Object.assign(Object.create(factory) as Factory, {
    connect: async (): Promise<SqlDriverAdapter> => {
      const adapter = await factory.connect();
      const startTransaction = adapter.startTransaction.bind(adapter);
      return Object.assign(adapter, {
        startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          const transaction = await startTransaction(...args);
          startingTransaction.getStore()?.(transaction);
          return transaction;
        },
      });
    },
  });
}

/** Runs `start`, which opens one Prisma transaction and calls `work` in it, with `work`'s client known to `sqlQuery`. */
export function inTransaction<T>(start: (work: (tx: Tx) => Promise<T>) => Promise<T>, work: (tx: Tx) => Promise<T>): Promise<T> {
  let connection: SqlQueryable | undefined;
  return startingTransaction.run(
    (started) => (connection = started),
    () =>
      start((tx) => {
        if (connection) connectionOf.set(tx, connection);
        return work(tx);
      }),
  );
}

const ANY_ARG: ArgType = { scalarType: 'unknown', arity: 'scalar' };

function adapterQuery(statement: Prisma.Sql): SqlQuery {
  return { sql: statement.text, args: statement.values, argTypes: statement.values.map(() => ANY_ARG) };
}

/**
 * Runs one statement (built with `Prisma.sql`, so its values are parameters) and returns its rows.
 * Values go to the driver as they are: write dates with `utcTimestamp` and JSON with `jsonb`
 * (./sql.ts), big integers as text cast to bigint. Rows come as the driver reads them: text, int4
 * and booleans as such; select anything else (bigint, json, timestamps) as text and parse it.
 * Given a client this module does not know, Prisma runs the statement.
 */
export async function sqlQuery<Row>(tx: Tx, statement: Prisma.Sql): Promise<Row[]> {
  const connection = connectionOf.get(tx);
  if (!connection) return tx.$queryRaw<Row[]>(statement);
  const result = await connection.queryRaw(adapterQuery(statement));
  return result.rows.map((values) => Object.fromEntries(result.columnNames.map((column, index) => [column, values[index]])) as Row);
}

/** Runs one statement that returns no rows; returns how many rows it changed. */
export async function sqlExecute(tx: Tx, statement: Prisma.Sql): Promise<number> {
  const connection = connectionOf.get(tx);
  if (!connection) return tx.$executeRaw(statement);
  return connection.executeRaw(adapterQuery(statement));
}
