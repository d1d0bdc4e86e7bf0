// CMDB use cases: find and show an item (relationships both ways, the services that depend on it,
// its open records), type-ahead search, import and export, and the one way an item's attributes
// change: the updates a change carries, applied when that change completes.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import type { ChangeRecord } from '../db/repositories/changes.js';
import {
  findItemByKey,
  findItemsNamed,
  impactEdges,
  incomingRelationships,
  insertItems,
  itemsByKeys,
  listItems,
  liveChangesListing,
  lockItemByKey,
  openIncidentsNaming,
  openProblemsNaming,
  saveItem,
  searchItems,
  servicesOfItems,
  countItems,
  type CiRecord,
  type RelatedRecord,
} from '../db/repositories/cmdb.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { applyCiUpdate, ciKeySchema, fieldValue, impactedItems, updateProblems, type CiUpdate, type Edge, type LineProblem, type RelationshipKind } from '../domain/cmdb.js';
import { exportItems, parseItems, planImport, type ImportPlan, type TransferFormat } from '../domain/cmdb-transfer.js';
import { DomainError } from '../domain/errors.js';
import { DESK_ROLES, SECURITY_DESK_ROLES } from '../domain/incident.js';
import { problemPartiesOf } from '../domain/problem.js';
import { hasAnyRole, type Role } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { RequestActor } from './context.js';

export interface AppliedUpdate extends CiUpdate {
  from: string;
}

export interface CmdbMessages {
  /** A line in the change's thread: the CMDB updates its completion applied. */
  updatedByChange(change: ChangeRecord, applied: readonly AppliedUpdate[]): OutboxDraft[];
}

/** Open records about an item, by kind. */
export interface RelatedRecords {
  /** Null for someone outside the desk: incidents are the desk's and their reporters' to see. */
  incidents: RelatedRecord[] | null;
  /** Null for someone who may not see problems (neither the desk nor a problem manager). */
  problems: RelatedRecord[] | null;
  changes: RelatedRecord[];
}

export interface ItemView {
  item: CiRecord;
  incoming: { from: string; kind: RelationshipKind }[];
  /** Services the item supports, directly or through the items that depend on it. */
  services: string[];
  impacted: string[];
  related: RelatedRecords;
  history: { at: Date; actorId: string; action: string; field: string | null; fromValue: string | null; toValue: string | null }[];
}

export type FindResult = { kind: 'item'; key: string } | { kind: 'choices'; items: CiRecord[] };

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; problems: LineProblem[] };

/** Who loads the CMDB from a file. */
const IMPORTER_ROLES: readonly Role[] = ['admin', 'change_manager'];
const MAX_IMPACT_DEPTH = 10;

export class CmdbService {
  constructor(private readonly deps: { db: Database; clock: Clock; messages: CmdbMessages }) {}

  /** An item by id, else by exact name, else those whose id or name starts with the text. */
  async find(text: string): Promise<FindResult> {
    return this.deps.db.transaction(async (tx) => {
      const key = ciKeySchema.safeParse(text);
      if (key.success && (await findItemByKey(tx, key.data))) return { kind: 'item', key: key.data };
      const named = await findItemsNamed(tx, text.trim());
      if (named.length === 1 && named[0]) return { kind: 'item', key: named[0].key };
      return { kind: 'choices', items: named.length > 0 ? named : await searchItems(tx, text.trim(), 10) };
    });
  }

  async view(key: string, viewer: RequestActor): Promise<ItemView> {
    return this.deps.db.transaction(async (tx) => {
      const item = await findItemByKey(tx, key);
      if (!item) throw new DomainError('not_found', { number: key });
      const impacted = await this.impactedKeys(tx, item.key);
      return {
        item,
        incoming: await incomingRelationships(tx, item.id),
        services: await servicesOfItems(tx, [item.key, ...impacted]),
        impacted,
        related: await relatedOpenRecords(tx, item, viewer),
        history: (await auditTrail(tx, 'configuration_item', item.id)).slice(-8),
      };
    });
  }

  /** Items whose id or name starts with `prefix`, for the type-ahead pickers. */
  async search(prefix: string, limit = 20): Promise<CiRecord[]> {
    return this.deps.db.transaction((tx) => searchItems(tx, prefix, limit));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.deps.db.transaction((tx) => countItems(tx))) === 0;
  }

  private async impactedKeys(tx: Tx, key: string): Promise<string[]> {
    const edges: Edge[] = [];
    let frontier = [key];
    const seen = new Set(frontier);
    for (let depth = 0; depth < MAX_IMPACT_DEPTH && frontier.length > 0; depth += 1) {
      const found = await impactEdges(tx, frontier);
      edges.push(...found);
      frontier = [...new Set(found.flatMap((edge) => [edge.from, edge.to]))].filter((candidate) => !seen.has(candidate));
      frontier.forEach((candidate) => seen.add(candidate));
    }
    return impactedItems(edges, key);
  }

  /** Adds the new items of a YAML or CSV text; existing items are left as they are and reported. */
  async import(format: TransferFormat, text: string, actor: RequestActor): Promise<ImportResult> {
    if (!hasAnyRole(actor, IMPORTER_ROLES)) throw new DomainError('not_allowed', { event: 'import' });
    const parsed = parseItems(format, text);
    if (!parsed.ok) return parsed;
    return this.deps.db.transaction(async (tx) => {
      const existing = await itemsByKeys(tx, parsed.items.flatMap((item) => [item.key, ...item.relationships.map((relationship) => relationship.to)]));
      const planned = planImport(parsed.items, existing);
      if (!planned.ok) return planned;
      const now = this.deps.clock.now();
      for (const item of await insertItems(tx, planned.plan.create, now)) {
        await this.audit(tx, item, now, [{ actorId: actor.userId, action: 'imported', details: { format } }]);
      }
      for (const refused of planned.plan.refused) {
        const item = existing.get(refused.key);
        if (item) await this.audit(tx, item, now, [{ actorId: actor.userId, action: 'edit_refused', details: { via: 'import', fields: refused.fields } }]);
      }
      return planned;
    });
  }

  async export(format: TransferFormat): Promise<string> {
    return exportItems(format, await this.deps.db.transaction((tx) => listItems(tx)));
  }

  /** A direct edit (`/ci set …`): refused, since only a completed change may update an item; the attempt is audited. */
  async refuseEdit(keyText: string, field: string, actor: RequestActor): Promise<never> {
    const key = ciKeySchema.safeParse(keyText);
    const item = key.success ? await this.deps.db.transaction((tx) => findItemByKey(tx, key.data)) : null;
    if (!item) throw new DomainError('not_found', { number: keyText });
    await this.deps.db.transaction((tx) => this.audit(tx, item, this.deps.clock.now(), [{ actorId: actor.userId, action: 'edit_refused', field, details: { via: 'command' } }]));
    throw new DomainError('ci_edit_refused', { item: item.key, field: field || 'version' });
  }

  /** Why a change's CMDB updates cannot apply: an item or a relationship's target missing from the CMDB. */
  async updateProblems(updates: readonly CiUpdate[]): Promise<LineProblem[]> {
    if (updates.length === 0) return [];
    const keys = updates.flatMap((update) => [update.itemKey, ...update.value.split(', ')]);
    const existing = await this.deps.db.transaction((tx) => itemsByKeys(tx, keys));
    return updateProblems(updates, new Set(existing.keys()));
  }

  /**
   * The change has completed: its updates are applied in its transaction, each audited on the item
   * with the change's number, and listed in the change's thread. An item gone since is skipped.
   */
  async applyChangeUpdates(tx: Tx, change: ChangeRecord, actorId: string, now: Date): Promise<void> {
    const applied: AppliedUpdate[] = [];
    for (const update of change.cmdbUpdates) {
      const item = await lockItemByKey(tx, update.itemKey);
      if (!item) continue;
      const from = fieldValue(item, update.field);
      const updated = applyCiUpdate(item, update);
      await saveItem(tx, updated, now);
      await this.audit(tx, item, now, [{ actorId, action: 'updated_by_change', field: update.field, fromValue: from, toValue: fieldValue(updated, update.field), details: { change: change.number } }]);
      applied.push({ ...update, from });
    }
    if (applied.length > 0) await enqueueMessages(tx, this.deps.messages.updatedByChange(change, applied), now);
  }

  private audit(tx: Tx, item: CiRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'configuration_item', recordId: item.id, recordNumber: item.key }, at, entries);
  }
}

/**
 * The open incidents, problems and changes about an item. Incidents and problems name it (id or
 * name) as their affected service or item, and are listed for those who may see them; changes list it.
 */
export async function relatedOpenRecords(tx: Tx, item: CiRecord, viewer: RequestActor): Promise<RelatedRecords> {
  const names = [item.key, item.name];
  return {
    incidents: hasAnyRole(viewer, DESK_ROLES) ? await openIncidentsNaming(tx, names, hasAnyRole(viewer, SECURITY_DESK_ROLES)) : null,
    problems: problemPartiesOf(viewer).size > 0 ? await openProblemsNaming(tx, names) : null,
    changes: await liveChangesListing(tx, item.key),
  };
}
