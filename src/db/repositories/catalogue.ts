// Catalogue entries edited from Slack (they override the settings file's entries).
import type { Tx } from '../database.js';
import { Prisma } from '../generated/client.js';
import { CATALOGUE_ENTRY_KINDS, type CatalogueEdit, type CatalogueEntryKind } from '../../domain/catalogue.js';
import { toJsonColumn } from '../sql.js';

const isKind = (kind: string): kind is CatalogueEntryKind => (CATALOGUE_ENTRY_KINDS as readonly string[]).includes(kind);

export async function listCatalogueEdits(tx: Tx): Promise<CatalogueEdit[]> {
  const rows = await tx.catalogueEntry.findMany({ orderBy: { id: 'asc' } });
  return rows.flatMap((row) => (isKind(row.kind) ? [{ kind: row.kind, key: row.key, definition: row.definition }] : []));
}

export async function saveCatalogueEdit(tx: Tx, edit: CatalogueEdit, updatedBy: string, now: Date): Promise<void> {
  const definition = edit.definition === null ? Prisma.DbNull : toJsonColumn(edit.definition);
  await tx.catalogueEntry.upsert({
    where: { kind_key: { kind: edit.kind, key: edit.key } },
    create: { kind: edit.kind, key: edit.key, definition, updatedBy, updatedAt: now },
    update: { definition, updatedBy, updatedAt: now },
  });
}
