// config/playground.yml: the playground's people, channels and the bot's settings for it,
// validated with zod; the bot's settings are config/itsm.yml with the playground's on top.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from '../config.js';
import { ROLES, type Role } from '../domain/roles.js';
import { LOCALES } from '../i18n/index.js';
import { DEFAULT_SETTINGS_FILE, validateSettings } from '../settings/load.js';
import type { Settings } from '../settings/schema.js';

export const PLAYGROUND_FILE = path.resolve(import.meta.dirname, '../../config/playground.yml');

const userId = z.string().regex(/^U[A-Z0-9]+$/, 'must look like a Slack user id (U…)');

const personSchema = z.object({
  id: userId,
  name: z.string().trim().min(1).max(80),
  title: z.string().trim().max(80).default(''),
  roles: z.array(z.enum(ROLES)).default([]),
  locale: z.enum(LOCALES).default('en'),
  tz: z.string().optional(),
});
/** A demo person; their time zone is the service desk's unless given. */
export type Person = z.output<typeof personSchema> & { tz: string };

const channelSchema = z.object({
  id: z.string().regex(/^C[A-Z0-9]+$/, 'must look like a Slack channel id (C…)'),
  name: z.string().regex(/^[a-z0-9_-]{1,80}$/, 'must be lower-case letters, digits, "-" or "_"'),
  topic: z.string().default(''),
  private: z.boolean().default(false),
  members: z.array(userId).default([]),
});
export type PlaygroundChannel = z.output<typeof channelSchema>;

const fileSchema = z.object({
  people: z.array(personSchema).min(1),
  channels: z.array(channelSchema).min(1),
  demo: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export interface PlaygroundConfig {
  people: Person[];
  channels: PlaygroundChannel[];
  demo: boolean;
  settings: Settings;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` on top of `base`: objects merged key by key, anything else (lists too) replaced. */
export function mergeSettings(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = merged[key];
    merged[key] = isPlainObject(below) && isPlainObject(value) ? mergeSettings(below, value) : value;
  }
  return merged;
}

function rolesOf(people: readonly z.output<typeof personSchema>[]): Record<Role, { users: string[]; usergroups: string[] }> {
  const roles = Object.fromEntries(ROLES.map((role) => [role, { users: [] as string[], usergroups: [] as string[] }])) as Record<Role, { users: string[]; usergroups: string[] }>;
  for (const person of people) for (const role of person.roles) roles[role].users.push(person.id);
  return roles;
}

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigurationError([`${file} cannot be read as YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** Every channel the bot's settings name must be one of the playground's channels, so people can open it. */
function unknownChannels(settings: Settings, channels: readonly PlaygroundChannel[]): string[] {
  const known = new Set(channels.map((channel) => channel.id));
  const named = [...Object.entries(settings.channels).map(([slot, id]) => [`channels.${slot}`, id] as const), ['reports.channel', settings.reports.channel] as const];
  return named.filter(([, id]) => typeof id === 'string' && !known.has(id)).map(([slot, id]) => `settings.${slot} names ${String(id)}, which is not in channels`);
}

export function loadPlaygroundConfig(file: string = PLAYGROUND_FILE, baseFile: string = DEFAULT_SETTINGS_FILE): PlaygroundConfig {
  const result = fileSchema.safeParse(readYaml(file));
  if (!result.success) throw new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join('.')} in ${file} ${issue.message}`));
  const { people, channels, demo } = result.data;
  const base = readYaml(baseFile);
  const raw = mergeSettings(mergeSettings(isPlainObject(base) ? base : {}, result.data.settings), { roles: rolesOf(people) });
  const settings = validateSettings(raw, file);
  const problems = unknownChannels(settings, channels);
  if (problems.length > 0) throw new ConfigurationError(problems.map((problem) => `${problem} in ${file}`));
  return { people: people.map((person) => ({ ...person, tz: person.tz ?? settings.calendar.timeZone })), channels, demo, settings };
}
