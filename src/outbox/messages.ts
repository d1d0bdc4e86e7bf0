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

/** A file's bytes travel in the payload (base64), so each is kept small: charts and CSV exports. */
export const MAX_FILE_BYTES = 1_000_000;

const fileSchema = z.object({
  filename: z.string().min(1).max(255),
  title: z.string().max(255),
  altText: z.string().max(1000).optional(),
  base64: z.base64().max(Math.ceil(MAX_FILE_BYTES / 3) * 4),
});
export type OutboxFile = z.infer<typeof fileSchema>;

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
  z.object({
    operation: z.literal('upload'),
    /** The files go into the thread of this earlier message (posted before, same orderingKey). */
    thread: messageRefSchema,
    files: z.array(fileSchema).min(1).max(10),
  }),
  /** The user's App Home, rendered when delivered so it shows the data as it is then. */
  z.object({ operation: z.literal('publish_home'), user: z.string() }),
]);
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

/** A message to enqueue; messages with the same orderingKey are delivered in the order enqueued. */
export interface OutboxDraft {
  orderingKey: string;
  payload: OutboxPayload;
}
