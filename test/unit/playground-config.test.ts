// config/playground.yml: people, channels and the bot's settings over config/itsm.yml.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config.js';
import { loadPlaygroundConfig, mergeSettings } from '../../src/playground/config.js';
import { readManifest } from '../../src/playground/manifest.js';

function fileWith(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'playground-')), 'playground.yml');
  fs.writeFileSync(file, text);
  return file;
}

describe('the playground settings', () => {
  it('reads the shipped file: roles from the people, channels named, time zones filled in', () => {
    const config = loadPlaygroundConfig();
    expect(config.settings.roles.service_desk?.users).toEqual(['U0DESK']);
    expect(config.settings.roles.cab?.users).toEqual(['U0APPROVER', 'U0CHANGE']);
    expect(config.settings.channels.serviceDesk).toBe('C0DESK');
    expect(config.settings.changes.templates.map((template) => template.id)).toContain('add-printer');
    expect(config.settings.oncall.rotations).toHaveLength(1);
    expect(config.settings.categories.length).toBeGreaterThan(0);
    expect(config.people.every((person) => person.tz === 'Asia/Shanghai')).toBe(true);
    expect(config.channels.find((channel) => channel.name === 'security')).toMatchObject({ private: true });
  });

  it('refuses settings that name a channel the playground does not have, and people with unknown roles', () => {
    const file = fileWith('people: [{ id: U1, name: A, roles: [wizard] }]\nchannels: [{ id: C1, name: desk }]\nsettings: { channels: { serviceDesk: C2 } }\n');
    expect(() => loadPlaygroundConfig(file)).toThrow(ConfigurationError);
    const channelOnly = fileWith('people: [{ id: U0A, name: A }]\nchannels: [{ id: C0DESK, name: desk }]\nsettings: { channels: { serviceDesk: C0NOWHERE } }\n');
    expect(() => loadPlaygroundConfig(channelOnly)).toThrow(/settings.channels.serviceDesk names C0NOWHERE/);
  });

  it('merges objects key by key and replaces lists', () => {
    expect(mergeSettings({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] } })).toEqual({ a: { b: 1, c: [2] }, d: 1 });
  });

  it('offers the slash commands and message shortcuts the manifest declares', () => {
    const { commands, shortcuts } = readManifest();
    expect(commands.map((command) => command.command)).toEqual(expect.arrayContaining(['/incident', '/request', '/problem', '/change', '/kb', '/oncall', '/sla', '/itsm']));
    expect(shortcuts).toEqual([{ callbackId: 'report_incident', name: 'Report an incident' }]);
  });
});
