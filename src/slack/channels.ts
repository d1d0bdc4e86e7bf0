// Opening a channel for a record (a major incident), safely when the outbox retries the step.
import type { WebClient } from '@slack/web-api';

const MAX_LOOKUP_PAGES = 20;

/** Creates the channel `name`, or finds the one an earlier attempt created. */
export async function ensureChannel(client: WebClient, name: string, isPrivate: boolean): Promise<string> {
  try {
    const created = await client.conversations.create({ name, is_private: isPrivate });
    if (created.channel?.id) return created.channel.id;
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error !== 'name_taken') throw error;
  }
  return findChannelByName(client, name, isPrivate);
}

async function findChannelByName(client: WebClient, name: string, isPrivate: boolean): Promise<string> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
    const answer = await client.conversations.list({ limit: 200, exclude_archived: true, types: isPrivate ? 'private_channel' : 'public_channel', ...(cursor ? { cursor } : {}) });
    const found = answer.channels?.find((channel) => channel.name === name);
    if (found?.id) return found.id;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  throw new Error(`channel #${name} exists but could not be found`);
}

/** Invites people; those already in the channel are fine. */
export async function inviteToChannel(client: WebClient, channel: string, users: string[]): Promise<void> {
  if (users.length === 0) return;
  try {
    await client.conversations.invite({ channel, users: users.join(','), force: true });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code !== 'already_in_channel' && code !== 'cant_invite_self') throw error;
  }
}
