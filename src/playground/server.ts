// The playground's web server: the page (HTML, CSS and its TypeScript modules compiled for the
// browser), what a person sees (JSON, and Server-Sent Events when it changes), and what they do.
import fs from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import ts from 'typescript';
import { z } from 'zod';
import { readBody } from '../fake-slack/http-bodies.js';
import { apiRequests, type ApiName } from './api.js';
import { PlaygroundError } from './interactions.js';
import type { RunningPlayground } from './playground.js';

const PAGE_DIR = path.resolve(import.meta.dirname, 'page');
const STATIC_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const MAX_BODY_BYTES = 1_000_000;

export interface PlaygroundServer {
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  logger: Logger;
}

type Handler = (playground: RunningPlayground, request: never) => Promise<unknown>;

const HANDLERS: { [Name in ApiName]: (playground: RunningPlayground, request: z.output<(typeof apiRequests)[Name]>) => Promise<unknown> } = {
  command: (p, r) => p.interactions.command(r.as, r.channel, r.text),
  message: (p, r) => p.interactions.message(r.as, r.channel, r.text, r.threadTs),
  action: (p, r) => p.interactions.action(r.as, { source: r.source, blockId: r.blockId, actionId: r.actionId, selection: r.selection, ...(r.selections ? { selections: r.selections } : {}) }),
  submit: (p, r) => p.interactions.submit(r.as, r.viewId, r.selections),
  close: (p, r) => p.interactions.close(r.as, r.viewId, r.selections),
  shortcut: (p, r) => p.interactions.shortcut(r.as, r.channel, r.ts, r.callbackId),
  home: (p, r) => p.interactions.openHome(r.as),
  suggest: async (p, r) => ({ options: await p.interactions.suggest(r.as, r.source, r.blockId, r.actionId, r.value) }),
  clock: (p, r) => p.advance(r.minutes),
};

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? { ok: true }));
}

/** A page module: src/playground/page/NAME.ts compiled to JavaScript (imports keep their ./NAME.js names). */
const compiled = new Map<string, { mtimeMs: number; code: string }>();
function pageModule(name: string): string | undefined {
  const file = path.join(PAGE_DIR, `${name}.ts`);
  if (!/^[a-z-]+$/.test(name) || !fs.existsSync(file)) return undefined;
  const { mtimeMs } = fs.statSync(file);
  const cached = compiled.get(name);
  if (cached?.mtimeMs === mtimeMs) return cached.code;
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true }, fileName: file });
  compiled.set(name, { mtimeMs, code: outputText });
  return outputText;
}

function staticFile(res: ServerResponse, name: string): void {
  send(res, 200, fs.readFileSync(path.join(PAGE_DIR, name)), STATIC_TYPES[path.extname(name)]);
}

function events(playground: RunningPlayground, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  const tell = () => res.write(`data: ${playground.workspace.version}\n\n`);
  tell();
  // Time flows: tell the page every few seconds even when nothing else changed, so its clock moves.
  const beat = setInterval(tell, 15_000);
  const unsubscribe = playground.workspace.onChange(tell);
  req.on('close', () => {
    clearInterval(beat);
    unsubscribe();
  });
}

async function api(playground: RunningPlayground, name: ApiName, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  if (raw.length > MAX_BODY_BYTES) return send(res, 413, { ok: false, error: 'too large' });
  const parsed = apiRequests[name].safeParse(JSON.parse(raw.toString('utf8') || '{}'));
  if (!parsed.success) return send(res, 400, { ok: false, error: z.prettifyError(parsed.error) });
  const handler = HANDLERS[name] as Handler;
  const answer = await handler(playground, parsed.data as never);
  send(res, 200, { ok: true, ...(typeof answer === 'object' && answer !== null ? answer : {}) });
}

async function route(playground: RunningPlayground, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://playground');
  const { pathname } = url;
  if (req.method === 'POST' && pathname.startsWith('/api/')) {
    const name = pathname.slice('/api/'.length);
    if (name in apiRequests) return api(playground, name as ApiName, req, res);
  }
  if (req.method !== 'GET') return send(res, 405, { ok: false, error: 'method not allowed' });
  if (pathname === '/' || pathname.startsWith('/archives/')) return staticFile(res, 'index.html');
  if (pathname === '/style.css') return staticFile(res, 'style.css');
  if (pathname === '/api/state') return send(res, 200, playground.viewFor(url.searchParams.get('as') ?? playground.config.people[0]?.id ?? ''));
  if (pathname === '/api/events') return events(playground, req, res);
  const module = /^\/page\/([a-z-]+)\.js$/.exec(pathname);
  const code = module?.[1] ? pageModule(module[1]) : undefined;
  if (code !== undefined) return send(res, 200, code, 'text/javascript; charset=utf-8');
  const file = /^\/files\/([^/]+)$/.exec(pathname);
  const stored = file?.[1] ? playground.workspace.files.get(decodeURIComponent(file[1])) : undefined;
  if (stored) return send(res, 200, stored.bytes, stored.mimetype);
  send(res, 404, { ok: false, error: 'not found' });
}

export async function startPlaygroundServer(playground: RunningPlayground, options: ServerOptions): Promise<PlaygroundServer> {
  const server = createServer((req, res) => {
    route(playground, req, res).catch((error: unknown) => {
      const known = error instanceof PlaygroundError || error instanceof SyntaxError;
      if (!known) options.logger.error({ err: error, url: req.url }, 'the playground could not answer');
      if (!res.headersSent) send(res, known ? 400 : 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
