// Configuration item rows ↔ domain items, with their relationships. No business rule here.
import { z } from 'zod';
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { Prisma } from '../generated/client.js';
import { CI_STATUSES, RELATIONSHIP_KINDS, type CiState, type Edge, type RelationshipKind } from '../../domain/cmdb.js';
import { FINISHED_CHANGE_STATES } from '../../domain/change.js';
import { OPEN_INCIDENT_STATES } from '../../domain/incident.js';
import { OPEN_PROBLEM_STATES } from '../../domain/problem.js';

export interface CiRecord extends CiState {
  id: number;
  createdAt: Date;
  updatedAt: Date;
}

export function ciRecordKey(id: number): string {
  return `ci:${id}`;
}

const withRelationships = { outgoing: { include: { to: { select: { key: true } } } } } satisfies Prisma.ConfigurationItemInclude;
type ItemRow = Prisma.ConfigurationItemGetPayload<{ include: typeof withRelationships }>;
const kindSchema = z.enum(RELATIONSHIP_KINDS);

function fromRow(row: ItemRow): CiRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    type: row.type,
    status: z.enum(CI_STATUSES).parse(row.status),
    ownerId: row.ownerId,
    version: row.version,
    location: row.location,
    services: row.services,
    relationships: row.outgoing.map((relationship) => ({ kind: kindSchema.parse(relationship.kind), to: relationship.to.key })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function findItemByKey(tx: Tx, key: string): Promise<CiRecord | null> {
  const row = await tx.configurationItem.findUnique({ where: { key }, include: withRelationships });
  return row ? fromRow(row) : null;
}

/** Loads and row-locks an item, so its updates run one after another. */
export async function lockItemByKey(tx: Tx, key: string): Promise<CiRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "ConfigurationItem" WHERE "key" = ${key} FOR UPDATE`);
  return locked[0] ? findItemByKey(tx, key) : null;
}

/** Items whose name is `name`, in any case. */
export async function findItemsNamed(tx: Tx, name: string): Promise<CiRecord[]> {
  const rows = await tx.configurationItem.findMany({ where: { name: { equals: name, mode: 'insensitive' } }, include: withRelationships, orderBy: { key: 'asc' }, take: 20 });
  return rows.map(fromRow);
}

/** Items whose id or name starts with `prefix` (type-ahead), retired ones left out. */
export async function searchItems(tx: Tx, prefix: string, limit: number): Promise<CiRecord[]> {
  const rows = await tx.configurationItem.findMany({
    where: {
      status: { not: 'retired' },
      OR: [{ key: { startsWith: prefix.toUpperCase() } }, { name: { startsWith: prefix, mode: 'insensitive' } }],
    },
    include: withRelationships,
    orderBy: { key: 'asc' },
    take: limit,
  });
  return rows.map(fromRow);
}

export async function listItems(tx: Tx): Promise<CiRecord[]> {
  return (await tx.configurationItem.findMany({ include: withRelationships, orderBy: { key: 'asc' } })).map(fromRow);
}

export async function countItems(tx: Tx): Promise<number> {
  return tx.configurationItem.count();
}

export async function itemsByKeys(tx: Tx, keys: readonly string[]): Promise<Map<string, CiRecord>> {
  const rows = await tx.configurationItem.findMany({ where: { key: { in: [...keys] } }, include: withRelationships });
  return new Map(rows.map((row) => [row.key, fromRow(row)]));
}

const attributes = (item: CiState) => ({
  name: item.name,
  type: item.type,
  status: item.status,
  ownerId: item.ownerId,
  version: item.version,
  location: item.location,
  services: [...item.services],
});

/** Creates items, then their relationships (which may point at each other). */
export async function insertItems(tx: Tx, items: readonly CiState[], now: Date): Promise<CiRecord[]> {
  for (const item of items) await tx.configurationItem.create({ data: { key: item.key, ...attributes(item), createdAt: now, updatedAt: now } });
  for (const item of items) await replaceRelationships(tx, item);
  const created = await itemsByKeys(tx, items.map((item) => item.key));
  return items.flatMap((item) => created.get(item.key) ?? []);
}

/** Saves an item's attributes and outgoing relationships as given. */
export async function saveItem(tx: Tx, item: CiState, now: Date): Promise<void> {
  await tx.configurationItem.update({ where: { key: item.key }, data: { ...attributes(item), updatedAt: now } });
  await replaceRelationships(tx, item);
}

async function replaceRelationships(tx: Tx, item: CiState): Promise<void> {
  const ids = await idsOf(tx, [item.key, ...item.relationships.map((relationship) => relationship.to)]);
  const fromId = ids.get(item.key);
  if (fromId === undefined) return;
  await tx.ciRelationship.deleteMany({ where: { fromId } });
  await tx.ciRelationship.createMany({
    data: item.relationships.flatMap((relationship) => {
      const toId = ids.get(relationship.to);
      return toId === undefined ? [] : [{ fromId, kind: relationship.kind, toId }];
    }),
    skipDuplicates: true,
  });
}

async function idsOf(tx: Tx, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.configurationItem.findMany({ where: { key: { in: [...keys] } }, select: { id: true, key: true } });
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** Relationships pointing at the item: "A depends_on this". */
export async function incomingRelationships(tx: Tx, itemId: number): Promise<{ from: string; kind: RelationshipKind }[]> {
  const rows = await tx.ciRelationship.findMany({ where: { toId: itemId }, include: { from: { select: { key: true } } }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ from: row.from.key, kind: kindSchema.parse(row.kind) }));
}

/** The edges along which a failure of `keys` spreads: into them (depends_on, runs_on) and out of them (part_of). */
export async function impactEdges(tx: Tx, keys: readonly string[]): Promise<Edge[]> {
  const rows = await tx.ciRelationship.findMany({
    where: { OR: [{ to: { key: { in: [...keys] } }, kind: { in: ['depends_on', 'runs_on'] } }, { from: { key: { in: [...keys] } }, kind: 'part_of' }] },
    include: { from: { select: { key: true } }, to: { select: { key: true } } },
  });
  return rows.map((row) => ({ from: row.from.key, kind: kindSchema.parse(row.kind), to: row.to.key }));
}

export async function servicesOfItems(tx: Tx, keys: readonly string[]): Promise<string[]> {
  const rows = await tx.configurationItem.findMany({ where: { key: { in: [...keys] } }, select: { services: true } });
  return [...new Set(rows.flatMap((row) => row.services))];
}

export interface RelatedRecord {
  number: string;
  title: string;
  state: string;
}

/** Open incidents that name the item (its id or name) as their affected service or item. */
export async function openIncidentsNaming(tx: Tx, names: readonly string[], withSecurity: boolean): Promise<RelatedRecord[]> {
  return tx.incident.findMany({
    where: {
      state: { in: [...OPEN_INCIDENT_STATES] },
      OR: names.map((name) => ({ affectedService: { equals: name, mode: 'insensitive' as const } })),
      ...(withSecurity ? {} : { isSecurity: false }),
    },
    select: { number: true, title: true, state: true },
    orderBy: { id: 'desc' },
    take: 10,
  });
}

/** Problems not yet resolved whose affected service names the item (its id or name). */
export async function openProblemsNaming(tx: Tx, names: readonly string[]): Promise<RelatedRecord[]> {
  return tx.problem.findMany({
    where: {
      state: { in: [...OPEN_PROBLEM_STATES] },
      OR: names.map((name) => ({ affectedService: { equals: name, mode: 'insensitive' as const } })),
    },
    select: { number: true, title: true, state: true },
    orderBy: { id: 'desc' },
    take: 10,
  });
}

/** Changes not yet finished that list the item. */
export async function liveChangesListing(tx: Tx, key: string): Promise<RelatedRecord[]> {
  return tx.change.findMany({
    where: { configurationItemIds: { has: key }, state: { notIn: [...FINISHED_CHANGE_STATES] } },
    select: { number: true, title: true, state: true },
    orderBy: { id: 'desc' },
    take: 10,
  });
}
