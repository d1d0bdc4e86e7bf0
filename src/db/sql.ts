// SQL helpers. Statements on a hot path are written in SQL and run with sqlQuery / sqlExecute
// (./direct-sql.ts says why).
import { Prisma } from './generated/client.js';
import { sqlQuery } from './direct-sql.js';

/**
 * A Date as a SQL `timestamp` in UTC, matching how Prisma stores DateTime columns, whatever the
 * session time zone of the PostgreSQL server is.
 */
export function utcTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** A plain data value as a SQL `jsonb` value (NULL for undefined); drops undefined fields. */
export function jsonb(value: unknown): Prisma.Sql {
  return value === undefined ? Prisma.sql`NULL::jsonb` : Prisma.sql`${JSON.stringify(value)}::jsonb`;
}

/** A value of a column as Prisma's row types hold it (JSON columns aside: see `jsonb`). */
export type ColumnValue = string | number | boolean | bigint | Date | readonly string[] | null;

/** A column value as a parameter the driver adapter passes on as it is (see sqlQuery in ./direct-sql.ts). */
function columnValue(value: ColumnValue): Prisma.Sql {
  if (value instanceof Date) return utcTimestamp(value);
  if (typeof value === 'bigint') return Prisma.sql`${value.toString()}::bigint`;
  if (Array.isArray(value)) return Prisma.sql`${textArrayLiteral(value as readonly string[])}::text[]`;
  return Prisma.sql`${value}`;
}

/** PostgreSQL's text form of a text[] value: {"a","b \"c\""} for ['a', 'b "c"']. */
function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Inserts one row and returns its id, or null if a row with the same value in the unique column
 * `unlessTaken` exists already (one that another transaction is writing is waited for). `table` and
 * the column names come from our code, never from input; the values are parameters.
 */
export async function insertRow(
  tx: Prisma.TransactionClient,
  table: string,
  row: Readonly<Record<string, ColumnValue>>,
  unlessTaken?: string,
): Promise<number | null> {
  const columns = Object.keys(row);
  const [inserted] = await sqlQuery<{ id: number }>(tx, Prisma.sql`
    INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(columns.map((column) => `"${column}"`).join(', '))})
    VALUES (${Prisma.join(columns.map((column) => columnValue(row[column] ?? null)))})
    ${unlessTaken ? Prisma.raw(`ON CONFLICT ("${unlessTaken}") DO NOTHING`) : Prisma.empty}
    RETURNING "id"`);
  return inserted?.id ?? null;
}

/** A plain data value (validated by its own zod schema) as a JSON column value; drops undefined fields. */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/**
 * Serialises transactions that work on the same key (an idempotency key, say) until they commit,
 * so "check, then insert" cannot race, whatever error a driver adapter would report for a duplicate.
 */
export async function lockKey(tx: Prisma.TransactionClient, key: string): Promise<void> {
  await sqlQuery(tx, Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${key}))::text`);
}

/** Row-locks the record with this number for the rest of the transaction; returns its id, if there is one. */
export async function lockRecordByNumber(tx: Prisma.TransactionClient, table: 'Incident' | 'Problem' | 'KnowledgeArticle', number: string): Promise<number | undefined> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "number" = ${number} FOR UPDATE`);
  return locked[0]?.id;
}
