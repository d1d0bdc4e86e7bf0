// What every slash command listener starts with: who is asking, in which language, and a way to
// answer them privately.
import type { RespondFn } from '@slack/bolt';
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from '../domain/numbering.js';
import { translatorFor, type Translate } from '../i18n/index.js';
import type { MessageContent } from '../outbox/messages.js';
import type { RequestActor } from '../services/context.js';
import type { SlackDeps } from './deps.js';

export interface CommandContext {
  actor: RequestActor;
  t: Translate;
  reply(content: MessageContent): Promise<unknown>;
}

export async function commandContext(deps: SlackDeps, userId: string, respond: RespondFn): Promise<CommandContext> {
  const actor = await deps.directory.actor(userId);
  return { actor, t: translatorFor(actor.locale), reply: (content) => respond({ response_type: 'ephemeral', ...content }) };
}

/** The record named by `show <number>` or by the number alone, if it has this prefix. */
export function recordNumberArgument(words: readonly string[], prefix: RecordPrefix): string | null {
  const [first = '', second] = words.map((word) => word.toLowerCase());
  const numberText = first === 'show' && words.length === 2 ? second : words.length === 1 ? first : undefined;
  const parsed = numberText ? parseRecordNumber(numberText) : null;
  return parsed?.prefix === prefix ? formatRecordNumber(prefix, parsed.sequence) : null;
}
