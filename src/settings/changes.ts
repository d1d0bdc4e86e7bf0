// Change management settings: the catalogue of standard (pre-approved) changes, approval policies,
// freeze windows, and when approvers and implementers are reminded.
import { z } from 'zod';
import { approvalPoliciesSchema, DEFAULT_APPROVAL_POLICIES } from '../domain/approval.js';
import { freezeWindowSchema } from '../domain/change-schedule.js';

const text = z.string().trim().min(1);

/** A standard change: routine, low risk, approved once as a template, so it skips authorisation. */
export const standardChangeTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/, 'must be lower-case letters, digits, "_" or "-"'),
  name: text,
  description: z.string().trim().default(''),
  implementationPlan: text,
  backoutPlan: text,
  testPlan: text,
});
export type StandardChangeTemplate = z.infer<typeof standardChangeTemplateSchema>;

export const changeSettingsSchema = z.object({
  templates: z
    .array(standardChangeTemplateSchema)
    .default([])
    .refine((templates) => new Set(templates.map((template) => template.id)).size === templates.length, 'template ids must differ'),
  approvalPolicies: approvalPoliciesSchema.default(() => structuredClone([...DEFAULT_APPROVAL_POLICIES])),
  freezes: z.array(freezeWindowSchema).default([]),
  /** Approvers who have not decided are reminded this often while a change awaits authorisation. */
  approvalReminderHours: z.number().positive().max(168).default(4),
  /** After this long without a decision the change managers are told. */
  approvalEscalationHours: z.number().positive().max(720).default(24),
  /** The implementer is reminded this long before the planned start. */
  startReminderMinutes: z.number().int().min(5).max(7 * 24 * 60).default(60),
  /** A scheduled change not started this long after its planned start is flagged as late. */
  lateStartGraceMinutes: z.number().int().min(0).max(24 * 60).default(15),
});
export type ChangeSettings = z.output<typeof changeSettingsSchema>;
