// What the front door needs to know about a request from Slack before the bot sees it: whether
// it is signed, what it says, and whether its answer can be given at once.
import { parse as parseQueryString } from 'node:querystring';
// Bolt's own check, imported alone: all of Bolt would load the Web API client into the thread too.
import { isValidSlackRequest } from '@slack/bolt/dist/receivers/verify-request.js';

export type SlackBody = Record<string, unknown>;

export function isSignedBySlack(signingSecret: string, rawBody: string, headers: Record<string, string | string[] | undefined>, nowMs = Date.now()): boolean {
  const signature = headers['x-slack-signature'];
  const timestamp = Number(headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isInteger(timestamp)) return false;
  return isValidSlackRequest({ signingSecret, body: rawBody, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: nowMs });
}

/**
 * The request as Bolt would parse it (a form's `payload` field holds JSON), or null when it is
 * not a Slack request at all: unparseable, not an object (`null`, `42`, `[]`), or an object with
 * neither a `type` nor a `command`, which Bolt would leave waiting three seconds.
 */
export function parseSlackBody(rawBody: string, contentType: string | undefined): SlackBody | null {
  let parsed: unknown;
  try {
    parsed = contentType?.startsWith('application/x-www-form-urlencoded') ? formBody(rawBody) : JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = parsed as SlackBody;
  const looksLikeSlack = typeof fields.type === 'string' || typeof fields.command === 'string' || fields.ssl_check !== undefined;
  return looksLikeSlack ? fields : null;
}

function formBody(text: string): unknown {
  const fields = parseQueryString(text);
  return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : { ...fields };
}

/**
 * Requests whose acknowledgement carries the answer: a submitted form (accepted, or refused with
 * errors shown inline) and the options of an external select. The front door waits for the bot's
 * answer to these; everything else (commands, clicks, shortcuts, events) is acknowledged at once,
 * and its answer goes out later through `response_url` or the Web API.
 */
export function answeredInAcknowledgement(body: SlackBody): boolean {
  return typeof body.type === 'string' && ANSWERED_IN_ACKNOWLEDGEMENT.has(body.type);
}

const ANSWERED_IN_ACKNOWLEDGEMENT = new Set(['view_submission', 'block_suggestion', 'dialog_submission', 'dialog_suggestion']);
