// Configuration management (配置管理): configuration items (CIs) with a unique id, their status,
// owner, version, location, relationships to other items and the services they support.
//
// A CI's recorded attributes change only through a completed change that lists it: a change
// carries proposed updates ("ERP-DB-01 version=15"), checked here when it is raised and applied
// when it completes. Nothing else edits an item.
import { z } from 'zod';

export const CI_STATUSES = ['ordered', 'received', 'in_test', 'in_use', 'changed', 'retired'] as const;
export type CiStatus = (typeof CI_STATUSES)[number];

/** "A depends_on B": A fails when B does; "A runs_on B": B hosts A; "A part_of B": A is a component of B. */
export const RELATIONSHIP_KINDS = ['depends_on', 'runs_on', 'part_of'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const CI_KEY_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;
/** Item ids are upper-case, so `erp-db-01` and `ERP-DB-01` are the same item. */
export const ciKeySchema = z
  .string()
  .trim()
  .transform((key) => key.toUpperCase())
  .pipe(z.string().regex(CI_KEY_PATTERN, 'must be letters, digits, ".", "_" or "-" (at most 64)'));
const userIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,}$/);

export interface Relationship {
  readonly kind: RelationshipKind;
  /** The other item's key. */
  readonly to: string;
}

export interface CiState {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly status: CiStatus;
  readonly ownerId: string | null;
  readonly version: string | null;
  readonly location: string | null;
  readonly services: readonly string[];
  /** Outgoing relationships: this item depends_on / runs_on / part_of another. */
  readonly relationships: readonly Relationship[];
}

// ——— Attributes and their updates ———

/** The attributes a change may update, as written in an update line. */
export const CI_FIELDS = ['name', 'type', 'status', 'owner', 'version', 'location', 'services', ...RELATIONSHIP_KINDS] as const;
export type CiField = (typeof CI_FIELDS)[number];

export interface CiUpdate {
  readonly itemKey: string;
  readonly field: CiField;
  /** Normalised: a user id for owner, lists joined with ", " (empty clears). */
  readonly value: string;
}

export const ciUpdateSchema = z.object({ itemKey: z.string(), field: z.enum(CI_FIELDS), value: z.string() });

export type CiUpdateProblem = 'syntax' | 'unknown_field' | 'bad_value' | 'unknown_item' | 'unknown_target' | 'self_relationship';

export interface LineProblem {
  readonly line: number;
  readonly problem: CiUpdateProblem;
  readonly detail: string;
}

const TEXT_MAX = 200;
const listOf = (value: string) => [...new Set(value.split(/[,;，；]/).map((part) => part.trim()).filter(Boolean))];

/** The value of a field in its stored form, or null when it is not valid for the field. */
export function normaliseValue(field: CiField, raw: string): string | null {
  const value = raw.trim();
  if (Array.from(value).length > TEXT_MAX) return null;
  switch (field) {
    case 'name':
    case 'type':
      return value || null;
    case 'status':
      return (CI_STATUSES as readonly string[]).includes(value) ? value : null;
    case 'owner': {
      const id = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(value)?.[1] ?? value;
      return id === '' || userIdSchema.safeParse(id).success ? id : null;
    }
    case 'version':
    case 'location':
      return value;
    case 'services':
      return listOf(value).join(', ');
    case 'depends_on':
    case 'runs_on':
    case 'part_of': {
      const keys = listOf(value).map((key) => key.toUpperCase());
      return keys.every((key) => CI_KEY_PATTERN.test(key)) ? keys.join(', ') : null;
    }
  }
}

/** "ITEM-ID field=value", one per line; every problem at once. */
export function parseCiUpdates(text: string): { ok: true; updates: CiUpdate[] } | { ok: false; problems: LineProblem[] } {
  const updates: CiUpdate[] = [];
  const problems: LineProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^(\S+)\s+([a-z_]+)\s*=(.*)$/.exec(line);
    const key = ciKeySchema.safeParse(match?.[1] ?? '');
    if (!match || !key.success) return problems.push({ line: index + 1, problem: 'syntax', detail: line });
    const field = CI_FIELDS.find((candidate) => candidate === match[2]);
    if (!field) return problems.push({ line: index + 1, problem: 'unknown_field', detail: match[2] ?? '' });
    const value = normaliseValue(field, match[3] ?? '');
    if (value === null) return problems.push({ line: index + 1, problem: 'bad_value', detail: line });
    updates.push({ itemKey: key.data, field, value });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, updates };
}

/** Problems of updates against the CMDB: every item must exist, and so must every relationship's target. */
export function updateProblems(updates: readonly CiUpdate[], existingKeys: ReadonlySet<string>): LineProblem[] {
  return updates.flatMap((update, index): LineProblem[] => {
    if (!existingKeys.has(update.itemKey)) return [{ line: index + 1, problem: 'unknown_item', detail: update.itemKey }];
    if (!(RELATIONSHIP_KINDS as readonly string[]).includes(update.field)) return [];
    const targets = listOf(update.value);
    if (targets.includes(update.itemKey)) return [{ line: index + 1, problem: 'self_relationship', detail: update.itemKey }];
    return targets.filter((key) => !existingKeys.has(key)).map((key) => ({ line: index + 1, problem: 'unknown_target' as const, detail: key }));
  });
}

/** The field's current value in the update's form, for the audit's "from". */
export function fieldValue(item: CiState, field: CiField): string {
  switch (field) {
    case 'owner':
      return item.ownerId ?? '';
    case 'services':
      return item.services.join(', ');
    case 'depends_on':
    case 'runs_on':
    case 'part_of':
      return item.relationships.filter((relationship) => relationship.kind === field).map((relationship) => relationship.to).join(', ');
    case 'version':
    case 'location':
      return item[field] ?? '';
    default:
      return item[field];
  }
}

/** The item with one update applied. */
export function applyCiUpdate(item: CiState, update: CiUpdate): CiState {
  const orNull = (value: string) => value || null;
  switch (update.field) {
    case 'name':
    case 'type':
      return { ...item, [update.field]: update.value };
    case 'status':
      return { ...item, status: update.value as CiStatus };
    case 'owner':
      return { ...item, ownerId: orNull(update.value) };
    case 'version':
    case 'location':
      return { ...item, [update.field]: orNull(update.value) };
    case 'services':
      return { ...item, services: listOf(update.value) };
    default: {
      const kind = update.field;
      const others = item.relationships.filter((relationship) => relationship.kind !== kind);
      return { ...item, relationships: [...others, ...listOf(update.value).map((to) => ({ kind, to }))] };
    }
  }
}

// ——— Impact ———

export interface Edge {
  readonly from: string;
  readonly kind: RelationshipKind;
  readonly to: string;
}

/**
 * Items that stop working when `key` does: those that depend on it or run on it, and whatever it
 * is part of, and so on transitively (each once, cycles allowed).
 */
export function impactedItems(edges: readonly Edge[], key: string): string[] {
  const impacted = new Set<string>();
  const queue = [key];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    const next = edges.flatMap((edge) => {
      if (edge.to === current && edge.kind !== 'part_of') return [edge.from];
      if (edge.from === current && edge.kind === 'part_of') return [edge.to];
      return [];
    });
    for (const candidate of next) {
      if (candidate === key || impacted.has(candidate)) continue;
      impacted.add(candidate);
      queue.push(candidate);
    }
  }
  return [...impacted];
}
