/**
 * A fake Slack Web API served over real HTTP, for end-to-end tests.
 *
 * Point Bolt / WebClient at it with `slackApiUrl: fake.apiUrl`. Every request is
 * recorded (in arrival order) and answered the way Slack would answer it.
 */
import { blockKitViolations } from './block-kit-limits.js';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** Set when the call was answered with an injected failure. */
  failed?: boolean;
  /** What the fake answered (for a post: the channel and ts where the message landed). */
  answer?: Record<string, unknown>;
}

export type SlackFailure =
  | { status: 500 | 502 | 503 }
  | { status: 429; retryAfterSeconds: number }
  | { error: string };

export interface FakeUser {
  name?: string;
  locale?: string;
  tz?: string;
}

export interface FakeSlack {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  readonly apiUrl: string;
  readonly calls: SlackCall[];
  /** Every breach of Slack's Block Kit limits seen so far (such calls were answered invalid_blocks). */
  readonly violations: string[];
  callsTo(method: string): SlackCall[];
  lastCall(method: string): SlackCall | undefined;
  waitForCall(method: string, predicate?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  clear(): void;
  setUser(id: string, user: FakeUser): void;
  setUsergroup(id: string, users: string[]): void;
  failNext(method: string, count: number, failure: SlackFailure): void;
  /** URL that records POSTs as `response_url` calls; a fresh id is generated when omitted. */
  responseUrl(id?: string): string;
  close(): Promise<void>;
}

type Args = Record<string, unknown>;
type Answer = Record<string, unknown>;

interface Reply {
  status: number;
  body: Answer;
  headers?: Record<string, string>;
}

const POLL_INTERVAL_MS = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
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

function parseForm(raw: string): Args {
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

async function parseBody(raw: Buffer, contentType: string): Promise<Args> {
  if (contentType.includes('application/json')) return parseJson(raw.toString('utf8'));
  if (contentType.includes('application/x-www-form-urlencoded')) return parseForm(raw.toString('utf8'));
  if (contentType.includes('multipart/form-data')) return parseMultipart(raw, contentType);
  return raw.length === 0 ? {} : { body: raw.toString('utf8') };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function dmChannelFor(userId: string): string {
  return `D${userId.slice(1)}`;
}

function isUserId(id: string): boolean {
  return id.startsWith('U') || id.startsWith('W');
}

function failureReply(failure: SlackFailure): Reply {
  if ('error' in failure) return { status: 200, body: { ok: false, error: failure.error } };
  if (failure.status === 429) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'Retry-After': String(failure.retryAfterSeconds) },
    };
  }
  return { status: failure.status, body: { ok: false, error: 'internal_error' } };
}

function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

/** Mutable per-server state plus the Slack-shaped answers that depend on it. */
class FakeState {
  private tsCounter = 0;
  private viewCounter = 0;
  private channelCounter = 0;
  private fileCounter = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly usergroups = new Map<string, string[]>();

  constructor(private readonly baseUrl: string) {}

  setUser(id: string, user: FakeUser): void {
    this.users.set(id, { ...this.users.get(id), ...user });
  }

  setUsergroup(id: string, users: string[]): void {
    this.usergroups.set(id, [...users]);
  }

  nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    const seconds = 1_700_000_000 + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.viewCounter += 1;
    return `V${this.viewCounter}`;
  }

  nextChannelId(): string {
    this.channelCounter += 1;
    return `C${this.channelCounter}`;
  }

  nextFileId(): string {
    this.fileCounter += 1;
    return `F${this.fileCounter}`;
  }

  uploadUrl(fileId: string): string {
    return `${this.baseUrl}/upload/${fileId}`;
  }

  userInfo(id: string): Answer {
    const user = this.users.get(id) ?? {};
    const name = user.name ?? id.toLowerCase();
    return {
      id,
      name,
      real_name: name,
      tz: user.tz ?? 'UTC',
      locale: user.locale ?? 'en-US',
      profile: { display_name: name, real_name: name },
    };
  }

  usergroupUsers(id: string): string[] {
    return [...(this.usergroups.get(id) ?? [])];
  }
}

type Responder = (args: Args, state: FakeState) => Answer;

function postMessage(args: Args, state: FakeState): Answer {
  const requested = str(args.channel);
  const channel = isUserId(requested) ? dmChannelFor(requested) : requested;
  const ts = state.nextTs();
  const message = { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: args.text, blocks: args.blocks, ts };
  return { channel, ts, message };
}

function openView(args: Args, state: FakeState): Answer {
  const view = isRecord(args.view) ? args.view : {};
  return { view: { id: state.nextViewId(), ...view } };
}

function updateView(args: Args, state: FakeState): Answer {
  const view = isRecord(args.view) ? args.view : {};
  const id = str(args.view_id) || state.nextViewId();
  return { view: { id, ...view } };
}

function openConversation(args: Args): Answer {
  const firstUser = str(args.users).split(',')[0] ?? '';
  const id = firstUser ? dmChannelFor(firstUser) : str(args.channel, 'D0');
  return { channel: { id } };
}

function uploadUrlExternal(_args: Args, state: FakeState): Answer {
  const fileId = state.nextFileId();
  return { upload_url: state.uploadUrl(fileId), file_id: fileId };
}

function completeUpload(args: Args): Answer {
  const requested = Array.isArray(args.files) ? args.files : [];
  const files = requested.filter(isRecord).map((file) => ({
    id: file.id,
    title: file.title,
    name: file.title,
    permalink: `https://test.slack.com/files/UBOT/${str(file.id)}`,
  }));
  return { files };
}

const empty: Responder = () => ({});

const RESPONDERS: Record<string, Responder> = {
  'auth.test': () => ({
    user_id: 'UBOT',
    bot_id: 'BBOT',
    team_id: 'T0001',
    team: 'Test',
    user: 'itsm',
    url: 'https://test.slack.com/',
  }),
  'chat.postMessage': postMessage,
  'chat.update': (args) => ({ channel: args.channel, ts: args.ts, text: args.text }),
  'chat.postEphemeral': (_args, state) => ({ message_ts: state.nextTs() }),
  'chat.delete': empty,
  'chat.getPermalink': () => ({ permalink: 'https://test.slack.com/archives/C/p123' }),
  'views.open': openView,
  'views.push': openView,
  'views.update': updateView,
  'views.publish': openView,
  'users.info': (args, state) => ({ user: state.userInfo(str(args.user)) }),
  'conversations.open': openConversation,
  'conversations.create': (args, state) => ({ channel: { id: state.nextChannelId(), name: args.name } }),
  'conversations.invite': empty,
  'conversations.join': empty,
  'conversations.setTopic': empty,
  'conversations.info': (args) => ({ channel: { id: args.channel, name: `chan-${str(args.channel)}`, is_member: true } }),
  'pins.add': empty,
  'reactions.add': empty,
  'usergroups.users.list': (args, state) => ({ users: state.usergroupUsers(str(args.usergroup)) }),
  'files.getUploadURLExternal': uploadUrlExternal,
  'files.completeUploadExternal': completeUpload,
};

function answerApi(method: string, args: Args, state: FakeState): Reply {
  const responder = RESPONDERS[method];
  if (!responder) return { status: 200, body: { ok: false, error: 'unknown_method' } };
  return { status: 200, body: { ok: true, ...responder(args, state) } };
}

interface Route {
  method: string;
  query: Args;
  /** Fields derived from the path, added on top of the body. */
  fromPath: Args;
}

/** Routes: /api/<method>, /response/<id>, /upload/<fileId> (recorded as `file_upload`, the file's bytes a Buffer in `body`). */
function routeOf(url: string): Route | undefined {
  const { pathname, searchParams } = new URL(url, 'http://fake');
  const query = parseForm(searchParams.toString());
  const [, prefix, rest] = /^\/(api|response|upload)\/(.+)$/.exec(pathname) ?? [];
  if (!rest) return undefined;
  const name = decodeURIComponent(rest);
  if (prefix === 'response') return { method: 'response_url', query, fromPath: { responseUrlId: name } };
  if (prefix === 'upload') return { method: 'file_upload', query, fromPath: { fileId: name } };
  return { method: name, query, fromPath: {} };
}

class FakeSlackServer implements FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly violations: string[] = [];
  private readonly failures = new Map<string, SlackFailure[]>();
  private responseCounter = 0;
  private readonly state: FakeState;

  constructor(
    private readonly server: Server,
    private readonly baseUrl: string,
  ) {
    this.state = new FakeState(baseUrl);
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  lastCall(method: string): SlackCall | undefined {
    return this.callsTo(method).at(-1);
  }

  async waitForCall(
    method: string,
    predicate: (call: SlackCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<SlackCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find((call) => call.method === method && predicate(call));
      if (found) return found;
      if (Date.now() >= deadline) throw new Error(this.describeTimeout(method, timeoutMs));
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** Forgets recorded calls (pending failNext failures are kept). */
  clear(): void {
    this.calls.length = 0;
  }

  setUser(id: string, user: FakeUser): void {
    this.state.setUser(id, user);
  }

  setUsergroup(id: string, users: string[]): void {
    this.state.setUsergroup(id, users);
  }

  failNext(method: string, count: number, failure: SlackFailure): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  responseUrl(id?: string): string {
    this.responseCounter += 1;
    return `${this.baseUrl}/response/${encodeURIComponent(id ?? `r${this.responseCounter}`)}`;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = routeOf(req.url ?? '/');
    if (!route) return sendReply(res, { status: 404, body: { ok: false, error: 'not_found' } });
    const raw = await readBody(req);
    const args = { ...route.query, ...(await parseBody(raw, req.headers['content-type'] ?? '')), ...route.fromPath };
    const token = bearerToken(req);
    if (token !== undefined && args.token === undefined) args.token = token;
    sendReply(res, this.record(route.method, args));
  }

  private record(method: string, args: Args): Reply {
    const violations = blockKitViolations(method, args);
    if (violations.length > 0) {
      this.violations.push(...violations);
      this.calls.push({ method, args, at: Date.now(), failed: true });
      return { status: 200, body: { ok: false, error: 'invalid_blocks', errors: violations } };
    }
    const failure = this.failures.get(method)?.shift();
    const call: SlackCall = { method, args, at: Date.now() };
    if (failure) {
      this.calls.push({ ...call, failed: true });
      return failureReply(failure);
    }
    const reply = method === 'response_url' || method === 'file_upload' ? { status: 200, body: { ok: true } } : answerApi(method, args, this.state);
    this.calls.push({ ...call, answer: reply.body });
    return reply;
  }

  private describeTimeout(method: string, timeoutMs: number): string {
    const received = this.calls.map((call) => call.method);
    const list = received.length > 0 ? received.join(', ') : '(none)';
    return `waitForCall('${method}') timed out after ${timeoutMs}ms; received so far: ${list}`;
  }
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('fake Slack: no TCP address'));
      else resolve(address);
    });
  });
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const server = createServer();
  const address = await listen(server);
  const fake = new FakeSlackServer(server, `http://127.0.0.1:${address.port}`);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    fake.handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendReply(res, { status: 400, body: { ok: false, error: 'invalid_request', message } });
    });
  });
  return fake;
}
