// Reading `/oncall override [team] @user <from> <to>`. With `should_escape` on the command, Slack
// sends the mention as <@U123|name>; times are "YYYY-MM-DD HH:mm" (or a bare date).
import { z } from 'zod';
import type { OverrideRequest } from '../../services/oncall.js';

const DATE_TIME = String.raw`\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?`;
const OVERRIDE = new RegExp(String.raw`^override\s+(?:([a-z0-9_-]+)\s+)?<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s+(${DATE_TIME})\s+(${DATE_TIME})$`, 'i');

const overrideRequestSchema = z.object({
  team: z.string().toLowerCase().optional(),
  userId: z.string(),
  from: z.string(),
  to: z.string(),
});

/** Whether the text asks for an override at all (so a malformed one gets the usage, not "unknown team"). */
export function isOverrideCommand(text: string): boolean {
  return /^override\b/i.test(text.trim());
}

export function parseOverrideCommand(text: string): OverrideRequest | undefined {
  const match = OVERRIDE.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, team, userId, from, to] = match;
  const parsed = overrideRequestSchema.parse({ team, userId, from, to });
  return { ...(parsed.team ? { team: parsed.team } : {}), userId: parsed.userId, from: parsed.from, to: parsed.to };
}
