// Import and export of the CMDB in YAML and CSV.
//
// YAML: `items:` (or a bare list) of { id, name, type, status, owner, version, location,
// services: [..], depends_on: [..], runs_on: [..], part_of: [..] }.
// CSV: a header row with those columns; list columns separated by ";".
//
// An import adds new items. An item that exists already keeps its recorded attributes (they change
// only through a change): if the import differs, that item is reported as refused.
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { csvRecords, formatCsv } from './csv.js';
import { CI_STATUSES, ciKeySchema, RELATIONSHIP_KINDS, type CiState, type LineProblem } from './cmdb.js';

export const TRANSFER_FORMATS = ['yaml', 'csv'] as const;
export type TransferFormat = (typeof TRANSFER_FORMATS)[number];

export const CSV_COLUMNS = ['id', 'name', 'type', 'status', 'owner', 'version', 'location', 'services', 'depends_on', 'runs_on', 'part_of'] as const;

const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || String(value).trim() === '' ? null : String(value).trim()));
const keyList = z.array(ciKeySchema).default([]);

const importedItemSchema = z.object({
  id: ciKeySchema,
  name: z.string().trim().min(1).max(200),
  type: z.string().trim().min(1).max(40),
  status: z.enum(CI_STATUSES).default('in_use'),
  owner: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id (U…)').nullish().transform((value) => value ?? null),
  version: optionalText,
  location: optionalText,
  services: z.array(z.string().trim().min(1)).default([]),
  depends_on: keyList,
  runs_on: keyList,
  part_of: keyList,
});

function toState(item: z.output<typeof importedItemSchema>): CiState {
  return {
    key: item.id,
    name: item.name,
    type: item.type,
    status: item.status,
    ownerId: item.owner,
    version: item.version,
    location: item.location,
    services: item.services,
    relationships: RELATIONSHIP_KINDS.flatMap((kind) => item[kind].map((to) => ({ kind, to }))),
  };
}

export type ParsedItems = { ok: true; items: CiState[] } | { ok: false; problems: LineProblem[] };

/** The items of an import text, or every problem (by item number for YAML, line for CSV). */
export function parseItems(format: TransferFormat, text: string): ParsedItems {
  const raw = format === 'yaml' ? yamlRecords(text) : csvItemRecords(text);
  if (!raw.ok) return raw;
  const problems: LineProblem[] = [];
  const items: CiState[] = [];
  for (const { line, value } of raw.records) {
    const parsed = importedItemSchema.safeParse(value);
    if (parsed.success) items.push(toState(parsed.data));
    else problems.push({ line, problem: 'bad_value', detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 10) } : { ok: true, items };
}

type Records = { ok: true; records: { line: number; value: unknown }[] } | { ok: false; problems: LineProblem[] };

function yamlRecords(text: string): Records {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { ok: false, problems: [{ line: 0, problem: 'syntax', detail: (error as Error).message.split('\n')[0] ?? '' }] };
  }
  const list = Array.isArray(document) ? document : z.object({ items: z.array(z.unknown()) }).safeParse(document).data?.items;
  if (!list) return { ok: false, problems: [{ line: 0, problem: 'syntax', detail: 'items' }] };
  return { ok: true, records: list.map((value, index) => ({ line: index + 1, value })) };
}

function csvItemRecords(text: string): Records {
  const { header, records } = csvRecords(text);
  if (!header.includes('id') || !header.includes('name') || !header.includes('type')) return { ok: false, problems: [{ line: 1, problem: 'syntax', detail: 'id, name, type' }] };
  const list = (value: string | undefined) => (value ?? '').split(';').map((part) => part.trim()).filter(Boolean);
  return {
    ok: true,
    records: records.map(({ line, values }) => ({
      line,
      value: {
        ...values,
        status: values.status || undefined,
        owner: values.owner || null,
        services: list(values.services),
        depends_on: list(values.depends_on),
        runs_on: list(values.runs_on),
        part_of: list(values.part_of),
      },
    })),
  };
}

export interface ImportPlan {
  /** New items, to create (with their relationships). */
  readonly create: CiState[];
  /** Existing items the import describes as they are. */
  readonly unchanged: string[];
  /** Existing items the import would change: refused (a change must do it), with the fields that differ. */
  readonly refused: { key: string; fields: string[] }[];
}

/** What an import would do, or why it cannot run (duplicate ids, unknown relationship targets). */
export function planImport(items: readonly CiState[], existing: ReadonlyMap<string, CiState>): { ok: true; plan: ImportPlan } | { ok: false; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const keys = new Set<string>();
  items.forEach((item, index) => {
    if (keys.has(item.key)) problems.push({ line: index + 1, problem: 'syntax', detail: `${item.key} twice` });
    keys.add(item.key);
    for (const relationship of item.relationships) {
      if (relationship.to === item.key) problems.push({ line: index + 1, problem: 'self_relationship', detail: item.key });
      else if (!keys.has(relationship.to) && !existing.has(relationship.to) && !items.some((other) => other.key === relationship.to)) {
        problems.push({ line: index + 1, problem: 'unknown_target', detail: relationship.to });
      }
    }
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 10) };
  const plan: ImportPlan = { create: [], unchanged: [], refused: [] };
  for (const item of items) {
    const current = existing.get(item.key);
    if (!current) plan.create.push(item);
    else {
      const fields = differingFields(current, item);
      if (fields.length === 0) plan.unchanged.push(item.key);
      else plan.refused.push({ key: item.key, fields });
    }
  }
  return { ok: true, plan };
}

function comparable(item: CiState): Record<string, string> {
  const relations = (kind: string) => item.relationships.filter((relationship) => relationship.kind === kind).map((relationship) => relationship.to).sort().join(',');
  return {
    name: item.name,
    type: item.type,
    status: item.status,
    owner: item.ownerId ?? '',
    version: item.version ?? '',
    location: item.location ?? '',
    services: [...item.services].sort().join(','),
    ...Object.fromEntries(RELATIONSHIP_KINDS.map((kind) => [kind, relations(kind)])),
  };
}

function differingFields(current: CiState, incoming: CiState): string[] {
  const before = comparable(current);
  const after = comparable(incoming);
  return Object.keys(before).filter((field) => before[field] !== after[field]);
}

// ——— Export ———

function exportRecord(item: CiState) {
  const relations = (kind: string) => item.relationships.filter((relationship) => relationship.kind === kind).map((relationship) => relationship.to);
  return {
    id: item.key,
    name: item.name,
    type: item.type,
    status: item.status,
    owner: item.ownerId,
    version: item.version,
    location: item.location,
    services: [...item.services],
    depends_on: relations('depends_on'),
    runs_on: relations('runs_on'),
    part_of: relations('part_of'),
  };
}

/** The items as a file an import reads back unchanged. */
export function exportItems(format: TransferFormat, items: readonly CiState[]): string {
  const records = items.map(exportRecord);
  if (format === 'yaml') return stringify({ items: records });
  return formatCsv([
    CSV_COLUMNS,
    ...records.map((record) => CSV_COLUMNS.map((column) => {
      const value = record[column];
      return Array.isArray(value) ? value.join(';') : (value ?? '');
    })),
  ]);
}
