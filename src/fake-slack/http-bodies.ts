// Reading request bodies the way Slack's Web API accepts them: JSON, form-encoded, multipart.
import type { IncomingMessage } from 'node:http';

export type Args = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** WebClient JSON-encodes nested fields inside form bodies; turn them back into objects. */
function decodeFormValue(value: string): unknown {
  const trimmed = value.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? parsed : value;
  } catch {
    return value;
  }
}

export function parseForm(raw: string): Args {
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = decodeFormValue(value);
  return args;
}

function parseJson(raw: string): Args {
  if (raw.trim() === '') return {};
  const parsed: unknown = JSON.parse(raw);
  return isRecord(parsed) ? parsed : { body: parsed };
}

/** A multipart body (a file upload): text parts as fields, each file part as a Buffer under its field name. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<Args> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const args: Args = { bytes: raw.length };
  for (const [key, value] of form) {
    args[key] = typeof value === 'string' ? decodeFormValue(value) : Buffer.from(await value.arrayBuffer());
  }
  return args;
}

export async function parseBody(raw: Buffer, contentType: string): Promise<Args> {
  if (contentType.includes('application/json')) return parseJson(raw.toString('utf8'));
  if (contentType.includes('application/x-www-form-urlencoded')) return parseForm(raw.toString('utf8'));
  if (contentType.includes('multipart/form-data')) return parseMultipart(raw, contentType);
  return raw.length === 0 ? {} : { body: raw.toString('utf8') };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}
