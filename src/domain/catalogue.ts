// The service catalogue (服务目录): services (name, description, owner, hours, SLA policy) and the
// items people can request from them ("New laptop", "VPN access"), each with its own form fields,
// approval rule and fulfilment group. Configured in the settings file (`catalogue:`) and edited by
// admins from Slack; an entry edited in Slack replaces the file's entry with the same id.
import { z } from 'zod';
import { approvalStageSchema } from './approval.js';
import { ROLES } from './roles.js';

const text = z.string().trim().min(1);
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, "_" or "-" (at most 40)');
const userIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id (U…)');
const channelIdSchema = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id (C…)');

/** Text in English, optionally with its Chinese; a plain string is used in both languages. */
export const localizedTextSchema = z.union([text, z.object({ en: text, 'zh-CN': text.optional() })]);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export function localized(value: LocalizedText, locale: string): string {
  if (typeof value === 'string') return value;
  return (locale === 'zh-CN' ? value['zh-CN'] : undefined) ?? value.en;
}

/** Response (taken) and resolution (fulfilled) targets of requests, counted from approval. */
export const requestSlaPolicySchema = z
  .object({ id: idSchema, responseMinutes: z.number().int().positive(), resolutionMinutes: z.number().int().positive() })
  .refine((policy) => policy.responseMinutes <= policy.resolutionMinutes, { message: 'responseMinutes must not exceed resolutionMinutes', path: ['responseMinutes'] });
export type RequestSlaPolicy = z.infer<typeof requestSlaPolicySchema>;

export const SERVICE_HOURS = ['business', '24x7'] as const;

export const catalogueServiceSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  owner: userIdSchema.optional(),
  /** When the service is supported: its request SLAs count in these hours. */
  hours: z.enum(SERVICE_HOURS).default('business'),
  slaPolicy: idSchema,
});
export type CatalogueService = z.infer<typeof catalogueServiceSchema>;

const optionSchema = z.string().trim().min(1).max(75);
const fieldBase = { id: idSchema, label: localizedTextSchema, required: z.boolean().default(true) };
export const requestFieldSchema = z.discriminatedUnion('type', [
  z.object({ ...fieldBase, type: z.literal('text'), multiline: z.boolean().default(false) }),
  z.object({
    ...fieldBase,
    type: z.literal('select'),
    options: z.array(optionSchema).min(1).max(100).refine((options) => new Set(options).size === options.length, 'options must differ'),
  }),
  z.object({ ...fieldBase, type: z.literal('date') }),
  z.object({ ...fieldBase, type: z.literal('user') }),
]);
export type RequestField = z.infer<typeof requestFieldSchema>;
export const REQUEST_FIELD_TYPES = ['text', 'select', 'date', 'user'] as const;

/** The stage name the department head's approval gets; configured stages may not use it. */
export const DEPARTMENT_HEAD_STAGE = 'department_head';

export const requestApprovalSchema = z.object({
  /** First the requester's department head (部门初步审批). */
  departmentHead: z.boolean().default(true),
  /** Then these stages, one after the other (approval.ts rules: any, all, at_least). */
  stages: z
    .array(approvalStageSchema)
    .default([])
    .refine((stages) => stages.every((stage) => stage.name !== DEPARTMENT_HEAD_STAGE), `stage name ${DEPARTMENT_HEAD_STAGE} is reserved`)
    .refine((stages) => new Set(stages.map((stage) => stage.name)).size === stages.length, 'stage names must differ'),
});

/** Who fulfils: the holders of a role, a channel where the card goes, or both. */
export const fulfilmentGroupSchema = z
  .object({ role: z.enum(ROLES).optional(), channel: channelIdSchema.optional() })
  .refine((group) => group.role !== undefined || group.channel !== undefined, 'give a role, a channel or both');
export type FulfilmentGroup = z.infer<typeof fulfilmentGroupSchema>;

export const catalogueItemSchema = z.object({
  id: idSchema,
  service: idSchema,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  fields: z
    .array(requestFieldSchema)
    .max(20)
    .default([])
    .refine((fields) => new Set(fields.map((field) => field.id)).size === fields.length, 'field ids must differ'),
  approval: requestApprovalSchema.default({ departmentHead: true, stages: [] }),
  fulfilment: fulfilmentGroupSchema,
  /** Overrides the service's SLA policy. */
  slaPolicy: idSchema.optional(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const DEFAULT_REQUEST_SLA_POLICIES: readonly RequestSlaPolicy[] = [
  // DOMAIN.md: response within 4 h for second-level requests; five working days of 9 h to fulfil.
  { id: 'standard', responseMinutes: 240, resolutionMinutes: 2700 },
];

const uniqueIds = (entries: readonly { id: string }[]) => new Set(entries.map((entry) => entry.id)).size === entries.length;

export const catalogueSchema = z
  .object({
    slaPolicies: z.array(requestSlaPolicySchema).default(() => [...DEFAULT_REQUEST_SLA_POLICIES]),
    services: z.array(catalogueServiceSchema).default([]),
    items: z.array(catalogueItemSchema).default([]),
  })
  .superRefine((catalogue, context) => {
    for (const [list, entries] of [['slaPolicies', catalogue.slaPolicies], ['services', catalogue.services], ['items', catalogue.items]] as const) {
      if (!uniqueIds(entries)) context.addIssue({ code: 'custom', path: [list], message: 'ids must differ' });
    }
    for (const message of referenceProblems(catalogue)) context.addIssue({ code: 'custom', message });
  });
export type Catalogue = z.output<typeof catalogueSchema>;
export type CatalogueInput = z.input<typeof catalogueSchema>;

function referenceProblems(catalogue: Catalogue): string[] {
  const policies = new Set(catalogue.slaPolicies.map((policy) => policy.id));
  const services = new Set(catalogue.services.map((service) => service.id));
  return [
    ...catalogue.services.filter((service) => !policies.has(service.slaPolicy)).map((service) => `service ${service.id} names an unknown SLA policy ${service.slaPolicy}`),
    ...catalogue.items.filter((item) => !services.has(item.service)).map((item) => `item ${item.id} names an unknown service ${item.service}`),
    ...catalogue.items.filter((item) => item.slaPolicy && !policies.has(item.slaPolicy)).map((item) => `item ${item.id} names an unknown SLA policy ${item.slaPolicy}`),
  ];
}

export const CATALOGUE_ENTRY_KINDS = ['service', 'item'] as const;
export type CatalogueEntryKind = (typeof CATALOGUE_ENTRY_KINDS)[number];

/** An admin's edit from Slack: the new definition of a service or item, or null to remove it. */
export interface CatalogueEdit {
  readonly kind: CatalogueEntryKind;
  readonly key: string;
  readonly definition: unknown;
}

/**
 * The catalogue in force: the file's, with each edited entry replacing (or adding, or removing)
 * the entry of its kind and id. Throws the validation error when the result is inconsistent.
 */
export function effectiveCatalogue(file: Catalogue, edits: readonly CatalogueEdit[]): Catalogue {
  const merge = <T extends { id: string }>(entries: readonly T[], kind: CatalogueEntryKind): unknown[] => {
    const byId = new Map<string, unknown>(entries.map((entry) => [entry.id, entry]));
    for (const edit of edits.filter((candidate) => candidate.kind === kind)) {
      if (edit.definition === null) byId.delete(edit.key);
      else byId.set(edit.key, edit.definition);
    }
    return [...byId.values()];
  };
  return catalogueSchema.parse({ slaPolicies: file.slaPolicies, services: merge(file.services, 'service'), items: merge(file.items, 'item') });
}

/** What a request keeps of its item: the catalogue may change, the request does not. */
export interface RequestItemSnapshot {
  readonly id: string;
  readonly name: LocalizedText;
  readonly serviceId: string;
  readonly serviceName: LocalizedText;
  readonly fields: readonly RequestField[];
  readonly fulfilment: FulfilmentGroup;
  readonly sla: RequestSlaPolicy & { readonly hours: (typeof SERVICE_HOURS)[number] };
}

export function snapshotOf(catalogue: Catalogue, item: CatalogueItem): RequestItemSnapshot {
  const service = catalogue.services.find((candidate) => candidate.id === item.service);
  const policyId = item.slaPolicy ?? service?.slaPolicy;
  const policy = catalogue.slaPolicies.find((candidate) => candidate.id === policyId);
  if (!service || !policy) throw new Error(`catalogue item ${item.id} is not consistent`);
  return { id: item.id, name: item.name, serviceId: service.id, serviceName: service.name, fields: item.fields, fulfilment: item.fulfilment, sla: { ...policy, hours: service.hours } };
}

// ——— Answers to an item's form ———

/** A field's answer as the form gives it: text, the chosen option, a date YYYY-MM-DD, or a user id. */
export type RawAnswers = Readonly<Record<string, string | undefined>>;
export type RequestAnswers = Readonly<Record<string, string>>;
export type AnswerProblem = 'required' | 'unknown_option' | 'bad_date' | 'bad_user' | 'too_long';

const ANSWER_MAX = 3000;

/** The answers, or each field's problem. Empty optional fields are left out. */
export function validateAnswers(fields: readonly RequestField[], raw: RawAnswers): { ok: true; answers: RequestAnswers } | { ok: false; problems: Record<string, AnswerProblem> } {
  const answers: Record<string, string> = {};
  const problems: Record<string, AnswerProblem> = {};
  for (const field of fields) {
    const value = raw[field.id]?.trim() ?? '';
    const problem = value ? answerProblem(field, value) : field.required ? 'required' : null;
    if (problem) problems[field.id] = problem;
    else if (value) answers[field.id] = value;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, answers };
}

function answerProblem(field: RequestField, value: string): AnswerProblem | null {
  if (Array.from(value).length > ANSWER_MAX) return 'too_long';
  switch (field.type) {
    case 'text':
      return null;
    case 'select':
      return field.options.includes(value) ? null : 'unknown_option';
    case 'date':
      return z.iso.date().safeParse(value).success ? null : 'bad_date';
    case 'user':
      return userIdSchema.safeParse(value).success ? null : 'bad_user';
  }
}
