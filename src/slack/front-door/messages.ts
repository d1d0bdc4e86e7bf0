// What the front door's thread and the bot's thread tell each other.
import type { SlackBody } from './requests.js';

export interface FrontDoorSettings {
  port: number;
  signingSecret: string;
  eventsPath: string;
  healthPath: string;
  /** Two Int32 counters shared by both threads: requests handed over, and requests the bot has finished. */
  counters: SharedArrayBuffer;
}

export const HANDED_OVER = 0;
export const FINISHED = 1;

/** From the front door to the bot. */
export type FrontDoorMessage =
  | { kind: 'listening'; port: number }
  | { kind: 'failed'; message: string }
  /** The last message: the server is closed, nothing more will be handed over. */
  | { kind: 'stopped' }
  /** `id` is set when the front door waits for the bot's acknowledgement (see answeredInAcknowledgement). */
  | { kind: 'request'; id?: number; body: SlackBody; retryNum?: number; retryReason?: string }
  | { kind: 'health'; id: number };

/** From the bot to the front door. */
export type BotMessage =
  | { kind: 'acknowledged'; id: number; response: AckResponse }
  | { kind: 'health'; id: number; healthy: boolean }
  | { kind: 'stop' };

/** The HTTP answer to a request the front door held for the bot. */
export interface AckResponse {
  status: number;
  /** A string goes out as it is; anything else as JSON; undefined as an empty body. */
  body?: unknown;
}
