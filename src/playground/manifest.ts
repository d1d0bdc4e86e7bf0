// The slash commands and message shortcuts the Slack app declares (manifest.yml): the playground's
// message box offers exactly these, as a workspace with the app installed would.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { CommandHint, ShortcutHint } from './person-view.js';

export const MANIFEST_FILE = path.resolve(import.meta.dirname, '../../manifest.yml');

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string(), description: z.string().default(''), usage_hint: z.string().default('') })).default([]),
    shortcuts: z.array(z.object({ name: z.string(), type: z.string(), callback_id: z.string() })).default([]),
  }),
});

export function readManifest(file: string = MANIFEST_FILE): { commands: CommandHint[]; shortcuts: ShortcutHint[] } {
  const manifest = manifestSchema.parse(parse(fs.readFileSync(file, 'utf8')));
  return {
    commands: manifest.features.slash_commands.map((command) => ({ command: command.command, description: command.description, usageHint: command.usage_hint })),
    shortcuts: manifest.features.shortcuts.filter((shortcut) => shortcut.type === 'message').map((shortcut) => ({ callbackId: shortcut.callback_id, name: shortcut.name })),
  };
}
