// The HTTP server in front of Bolt's receiver. It buffers each request to /slack/events and turns
// away, with 400, bodies that cannot be a Slack request: ones that parse to something other than
// an object (`null`, `42`, `[]`), which Bolt itself does not survive, and objects with neither a
// `type` nor a `command`, which Bolt would leave waiting three seconds. The rest goes to Bolt,
// which reuses the buffered body.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { HTTPReceiver } from '@slack/bolt';
import getRawBody from 'raw-body';

const BODY_LIMIT = 4 * 1024 * 1024;

export function serveSlack(receiver: HTTPReceiver, eventsPath: string): Server {
  return createServer((request, response) => {
    void (async () => {
      if (request.method === 'POST' && request.url?.split('?')[0] === eventsPath) {
        const rawBody = await getRawBody(request, { limit: BODY_LIMIT }).catch(() => null);
        if (!rawBody || !mayBeSlackRequest(rawBody.toString('utf8'), request.headers['content-type'])) {
          response.writeHead(400).end();
          return;
        }
        (request as IncomingMessage & { rawBody: Buffer }).rawBody = rawBody;
      }
      receiver.requestListener(request, response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
}

/** False when the body parses, the way Bolt parses it, to something no Slack request looks like. */
function mayBeSlackRequest(text: string, contentType: string | undefined): boolean {
  try {
    const parsed: unknown = contentType === 'application/x-www-form-urlencoded' ? formBody(text) : JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    const fields = parsed as Record<string, unknown>;
    return typeof fields.type === 'string' || typeof fields.command === 'string' || fields.ssl_check !== undefined;
  } catch {
    // Not parseable at all: Bolt answers 400 itself (after checking the signature).
    return true;
  }
}

function formBody(text: string): unknown {
  const fields = parseQueryString(text);
  return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
}
