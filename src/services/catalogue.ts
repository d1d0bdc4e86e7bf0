// The service catalogue in force (the settings file's, with admins' edits from Slack on top), and
// those edits: validated against the whole catalogue, stored, audited.
import { parse, stringify } from 'yaml';
import { ZodError } from 'zod';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { listCatalogueEdits, saveCatalogueEdit } from '../db/repositories/catalogue.js';
import { effectiveCatalogue, type Catalogue, type CatalogueEdit, type CatalogueEntryKind, type CatalogueItem } from '../domain/catalogue.js';
import { DomainError } from '../domain/errors.js';
import { assertAdmin } from '../domain/roles.js';
import type { Settings } from '../settings/schema.js';
import type { RequestActor } from './context.js';

export type CatalogueEditResult = { ok: true; removed: boolean } | { ok: false; problem: string };

export class CatalogueService {
  constructor(private readonly deps: { db: Database; clock: Clock; settings: () => Settings }) {}

  async current(): Promise<Catalogue> {
    const edits = await this.deps.db.transaction((tx) => listCatalogueEdits(tx));
    return effectiveCatalogue(this.deps.settings().catalogue, edits);
  }

  async item(id: string): Promise<CatalogueItem> {
    const item = (await this.current()).items.find((candidate) => candidate.id === id);
    if (!item) throw new DomainError('not_found', { number: id });
    return item;
  }

  /** An entry as YAML, for the admin's edit form (a template for a new one). */
  async definitionText(kind: CatalogueEntryKind, key: string | null): Promise<string> {
    const catalogue = await this.current();
    const entries: readonly { id: string }[] = kind === 'item' ? catalogue.items : catalogue.services;
    const found = key ? entries.find((entry) => entry.id === key) : undefined;
    return stringify(found ?? (kind === 'item' ? ITEM_TEMPLATE : SERVICE_TEMPLATE));
  }

  /**
   * An admin's edit: the YAML of a service or item (its `id` names it), or removal. The catalogue
   * with the edit must still hold together (items name existing services, …), or nothing is saved.
   */
  async edit(kind: CatalogueEntryKind, input: { yaml: string } | { remove: string }, actor: RequestActor): Promise<CatalogueEditResult> {
    assertAdmin(actor);
    const edit = toEdit(kind, input);
    if (!edit.ok) return edit;
    return this.deps.db.transaction(async (tx) => {
      const edits = await listCatalogueEdits(tx);
      try {
        effectiveCatalogue(this.deps.settings().catalogue, [...edits, edit.value]);
      } catch (error) {
        if (error instanceof ZodError) return { ok: false, problem: error.issues.map((issue) => [issue.path.join('.'), issue.message].filter(Boolean).join(': ')).slice(0, 5).join('\n') };
        throw error;
      }
      const now = this.deps.clock.now();
      await saveCatalogueEdit(tx, edit.value, actor.userId, now);
      const removed = edit.value.definition === null;
      await appendAudit(tx, { recordType: 'settings', recordId: 0, recordNumber: `catalogue:${kind}:${edit.value.key}` }, now, [
        { actorId: actor.userId, action: removed ? 'catalogue_removed' : 'catalogue_edited', details: { kind, definition: removed ? null : (edit.value.definition as object) } },
      ]);
      return { ok: true, removed };
    });
  }
}

function toEdit(kind: CatalogueEntryKind, input: { yaml: string } | { remove: string }): { ok: true; value: CatalogueEdit } | { ok: false; problem: string } {
  if ('remove' in input) return { ok: true, value: { kind, key: input.remove, definition: null } };
  let definition: unknown;
  try {
    definition = parse(input.yaml);
  } catch (error) {
    return { ok: false, problem: (error as Error).message.split('\n')[0] ?? 'YAML' };
  }
  const key = typeof definition === 'object' && definition !== null && 'id' in definition ? String(definition.id) : '';
  if (!key) return { ok: false, problem: 'id: required' };
  return { ok: true, value: { kind, key, definition } };
}

const SERVICE_TEMPLATE = { id: 'new-service', name: { en: 'New service', 'zh-CN': '新服务' }, description: '', hours: 'business', slaPolicy: 'standard' };
const ITEM_TEMPLATE = {
  id: 'new-item',
  service: 'workplace',
  name: { en: 'New item', 'zh-CN': '新请求项' },
  fields: [{ id: 'details', type: 'text', label: { en: 'Details', 'zh-CN': '详细说明' }, multiline: true }],
  approval: { departmentHead: true, stages: [] },
  fulfilment: { role: 'service_desk' },
};
