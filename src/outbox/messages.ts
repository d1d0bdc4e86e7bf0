// What the outbox holds: fully rendered Slack messages and where they go. Services enqueue them in
// the transaction that changes state; the worker delivers them (src/slack/outbox-worker.ts).
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';

export const messageRefSchema = z.object({ recordKey: z.string(), purpose: z.string() });
export type MessageRef = z.infer<typeof messageRefSchema>;

const contentSchema = z.object({
  text: z.string(),
  blocks: z.array(z.custom<KnownBlock>((value) => typeof value === 'object' && value !== null && 'type' in value)).optional(),
});
export type MessageContent = z.infer<typeof contentSchema>;

export const outboxPayloadSchema = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('post'),
    /** A channel id, or a user id for a direct message. */
    channel: z.string(),
    /** Post in the channel where this earlier message lives instead (e.g. a major incident's channel). */
    channelOf: messageRefSchema.optional(),
    content: contentSchema,
    /** Reply in the thread of this earlier message. */
    thread: messageRefSchema.optional(),
    /** Remember where this message landed, for later updates and thread replies. */
    saveAs: messageRefSchema.optional(),
  }),
  z.object({ operation: z.literal('update'), target: messageRefSchema, content: contentSchema }),
  z.object({
    operation: z.literal('open_channel'),
    /** Created if missing (a retry finds the channel it made before). */
    name: z.string(),
    /** Security incidents get a private channel. */
    isPrivate: z.boolean().default(false),
    invite: z.array(z.string()),
    /** Posted and pinned in the new channel; remembered as `saveAs`. */
    content: contentSchema,
    saveAs: messageRefSchema,
  }),
  z.object({ operation: z.literal('respond'), responseUrl: z.url(), content: contentSchema }),
  z.object({ operation: z.literal('ephemeral'), channel: z.string(), user: z.string(), content: contentSchema }),
]);
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

/** A message to enqueue; messages with the same orderingKey are delivered in the order enqueued. */
export interface OutboxDraft {
  orderingKey: string;
  payload: OutboxPayload;
}
