import { Prisma } from './generated/client.js';

/**
 * A Date as a SQL `timestamp` in UTC, matching how Prisma stores DateTime columns, whatever the
 * session time zone of the PostgreSQL server is.
 */
export function utcTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** A plain data value (validated by its own zod schema) as a JSON column value; drops undefined fields. */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
