import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '../config.js';
import { settingsSchema, type Settings } from './schema.js';

export const DEFAULT_SETTINGS_FILE = path.resolve(import.meta.dirname, '../../config/itsm.yml');

export interface SettingsOverrides {
  serviceDeskChannel?: string | undefined;
  defaultLocale?: string | undefined;
}

/** Reads the settings file, applies environment overrides, and validates the result. */
export function loadSettings(file: string = DEFAULT_SETTINGS_FILE, overrides: SettingsOverrides = {}): Settings {
  const raw = readYaml(file);
  const channels = { ...(raw.channels as object | undefined) };
  const merged = {
    ...raw,
    ...(overrides.defaultLocale ? { defaultLocale: overrides.defaultLocale } : {}),
    channels: { ...channels, ...(overrides.serviceDeskChannel ? { serviceDesk: overrides.serviceDeskChannel } : {}) },
  };
  return validateSettings(merged, file);
}

export function validateSettings(value: unknown, source: string): Settings {
  const result = settingsSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigurationError(result.error.issues.map((issue) => describeIssue(issue.path, issue.message, source, issue.input)));
}

function describeIssue(issuePath: PropertyKey[], message: string, source: string, input: unknown): string {
  const where = issuePath.map(String).join('.');
  if (where === 'channels.serviceDesk' && (input === null || input === undefined)) {
    return `SERVICE_DESK_CHANNEL is not set: give the id (C…) of the channel where the service desk works (or channels.serviceDesk in ${source}); see README, "Configuration"`;
  }
  if (where === 'channels.serviceDesk') {
    return `SERVICE_DESK_CHANNEL (or channels.serviceDesk in ${source}) ${message}; see README, "Configuration"`;
  }
  return `${where || 'settings'} in ${source} ${message}; see README, "Configuration"`;
}

function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigurationError([`ITSM_CONFIG names ${file}, which cannot be read; point it at a settings file like config/itsm.yml`]);
  }
  try {
    const parsed: unknown = parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    throw new ConfigurationError([`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}
