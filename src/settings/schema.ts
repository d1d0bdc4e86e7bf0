// ITSM settings (configuration as data): validated at start-up; every rule reads them from here.
import { z } from 'zod';
import { categoryTreeSchema } from '../domain/category.js';
import { overrideSchema, rotationSchema } from '../domain/oncall.js';
import { DEFAULT_PRIORITY_MATRIX, priorityMatrixSchema } from '../domain/priority.js';
import { DEFAULT_ESCALATION_POLICY, escalationPolicySchema } from '../domain/escalation.js';
import { ROLES } from '../domain/roles.js';
import { DEFAULT_TREND_OPTIONS } from '../domain/trends.js';
import { DEFAULT_SLA_POLICIES, DEFAULT_WARNING_THRESHOLDS, slaPoliciesSchema } from '../domain/sla.js';
import { LOCALES } from '../i18n/index.js';
import { calendarSettingsSchema, DEFAULT_CALENDAR_SETTINGS } from './calendar.js';
import { changeSettingsSchema } from './changes.js';
import { DEFAULT_REPORT_SETTINGS, reportSettingsSchema } from './reports.js';
import { catalogueSchema, directorySettingsSchema, maintenanceSettingsSchema } from './requests.js';
import { channelIdSchema as channelId, slackId } from './slack-ids.js';

const roleMembersSchema = z.object({
  users: z.array(slackId('UW', 'user (U…)')).default([]),
  usergroups: z.array(slackId('S', 'user group (S…)')).default([]),
});

export const settingsSchema = z.object({
  defaultLocale: z.enum(LOCALES).default('en'),
  channels: z.object({
    serviceDesk: channelId,
    security: channelId.nullable().default(null),
    /** Where functional escalations to each line are announced; without one, the line's people are mentioned in the ticket thread. */
    secondLine: channelId.nullable().default(null),
    thirdLine: channelId.nullable().default(null),
    /** Where major-incident status updates are posted for stakeholders, besides the incident's own channel. */
    stakeholders: channelId.nullable().default(null),
    /** Where problem cards, problem candidates and articles awaiting review go; the service desk channel without one. */
    problems: channelId.nullable().default(null),
    /** Where change cards and approval cards go (the CAB's channel); the service desk channel when not set. */
    cab: channelId.nullable().default(null),
  }),
  incidents: z
    .object({
      /** A resolved incident the reporter does not answer is closed after this many business days. */
      autoCloseAfterBusinessDays: z.number().int().min(1).max(30).default(3),
      /** The lead of a major incident is reminded to post an update this often. */
      majorUpdateEveryMinutes: z.number().int().min(5).max(24 * 60).default(30),
    })
    .default({ autoCloseAfterBusinessDays: 3, majorUpdateEveryMinutes: 30 }),
  problems: z
    .object({
      /** Trend analysis: this many incidents of one category or service within the window make a problem candidate. */
      trends: z
        .object({
          minIncidents: z.number().int().min(2).max(100).default(DEFAULT_TREND_OPTIONS.minIncidents),
          windowDays: z.number().int().min(1).max(90).default(DEFAULT_TREND_OPTIONS.windowDays),
        })
        .default({ ...DEFAULT_TREND_OPTIONS }),
    })
    .default({ trends: { ...DEFAULT_TREND_OPTIONS } }),
  sla: z
    .object({
      /** Response and resolution targets per priority (optionally narrowed by category or service). */
      policies: slaPoliciesSchema.default(() => [...DEFAULT_SLA_POLICIES]),
      /** Shares of each target at which a warning is sent; the breach alert at 100 % always is. */
      warningThresholds: z.array(z.number().gt(0).lt(1)).default(() => [...DEFAULT_WARNING_THRESHOLDS]),
    })
    .default(() => ({ policies: [...DEFAULT_SLA_POLICIES], warningThresholds: [...DEFAULT_WARNING_THRESHOLDS] })),
  /** The chain that runs after an SLA breach (copied into each run when it starts). */
  escalation: escalationPolicySchema.default(() => structuredClone(DEFAULT_ESCALATION_POLICY)),
  /** Service desk hours, time zone, public holidays and make-up working days (src/settings/calendar.ts). */
  calendar: calendarSettingsSchema.default(DEFAULT_CALENDAR_SETTINGS),
  roles: z.partialRecord(z.enum(ROLES), roleMembersSchema).default({}),
  categories: categoryTreeSchema.default([]),
  oncall: z
    .object({
      rotations: z.array(rotationSchema).default([]),
      overrides: z.array(overrideSchema).default([]),
    })
    .default({ rotations: [], overrides: [] }),
  priorityMatrix: priorityMatrixSchema.default(DEFAULT_PRIORITY_MATRIX),
  /** Standard change templates, approval policies, freeze windows, reminders (src/settings/changes.ts). */
  changes: changeSettingsSchema.default(() => changeSettingsSchema.parse({})),
  /** Daily digest, weekly and monthly service reports: channel, schedule, targets (src/settings/reports.ts). */
  reports: reportSettingsSchema.default(() => ({ ...DEFAULT_REPORT_SETTINGS })),
  /** The service catalogue, the staff directory file, planned maintenance (src/settings/requests.ts). */
  catalogue: catalogueSchema.default(() => catalogueSchema.parse({})),
  directory: directorySettingsSchema.default({ file: null }),
  maintenance: maintenanceSettingsSchema.default(() => maintenanceSettingsSchema.parse({})),
});

export type Settings = z.output<typeof settingsSchema>;
/** Settings as written in the file: defaults may be left out. */
export type SettingsInput = z.input<typeof settingsSchema>;
export type RoleMembers = z.output<typeof roleMembersSchema>;
