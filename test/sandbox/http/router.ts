/**
 * A small router for the sandbox: method + path pattern (`/api/v1/files/:id`) → handler.
 * Query names are case-insensitive, as on the real (ASP.NET) MOVEit server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Query parameter by case-insensitive name; all values for repeated names via `queryAll`. */
  query(name: string): string | undefined;
  queryAll(name: string): string[];
}

export type Handler = (context: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `errorBody(status, message, path)` shapes the router's own 405 answers (IPIS and MOVEit differ). */
  constructor(private readonly errorBody: (status: number, message: string, path: string) => unknown) {}

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`, 'i'), keys, handler });
    return this;
  }

  /** Handles the request if a route matches; false when none does (the caller answers 404). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const pathMatches = this.routes.filter((route) => route.pattern.test(url.pathname));
    if (pathMatches.length === 0) return false;
    const route = pathMatches.find((candidate) => candidate.method === req.method);
    if (!route) {
      const allowed = [...new Set(pathMatches.map((candidate) => candidate.method))].join(', ');
      sendJson(res, 405, this.errorBody(405, `${req.method} is not allowed here; use ${allowed}.`, url.pathname), {
        Allow: allowed,
      });
      return true;
    }
    const match = route.pattern.exec(url.pathname) as RegExpExecArray;
    const params = Object.fromEntries(
      route.keys.map((key, index) => [key, decodeURIComponent(match[index + 1] as string)]),
    );
    const lowered = new Map<string, string[]>();
    for (const [name, value] of url.searchParams)
      lowered.set(name.toLowerCase(), [...(lowered.get(name.toLowerCase()) ?? []), value]);
    await route.handler({
      req,
      res,
      url,
      params,
      query: (name) => lowered.get(name.toLowerCase())?.[0],
      queryAll: (name) => lowered.get(name.toLowerCase()) ?? [],
    });
    return true;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export class BodyTooLarge extends Error {}

/** Reads a whole (small) request body; rejects with BodyTooLarge past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new BodyTooLarge(`body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, 256 * 1024)).toString('utf8');
  return text.length === 0 ? undefined : JSON.parse(text);
}
