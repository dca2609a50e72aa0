/**
 * Real HTTPS to the sandbox for tests, trusting only the sandbox's CA (never switching
 * verification off). Bodies: `json` (sent as JSON), `form` (form-encoded), or raw `body`.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

export interface HttpsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as received. */
  bytes: Buffer;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

export class HttpsClient {
  readonly dispatcher: Agent;

  constructor(caFile: string) {
    this.dispatcher = new Agent({ connect: { ca: readFileSync(caFile) } });
  }

  async call(
    method: string,
    url: string,
    options: {
      headers?: Record<string, string>;
      json?: unknown;
      form?: Record<string, string>;
      body?: Buffer | string;
      bearer?: string;
    } = {},
  ): Promise<HttpsResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: Buffer | string | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    const response = await request(url, { method: method as 'GET', headers, body, dispatcher: this.dispatcher });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.statusCode, headers: response.headers, text, bytes, json };
  }

  /** Signs in with the password grant and returns the access token (fails the test otherwise). */
  async signIn(ssbUrl: string, username: string, password: string): Promise<string> {
    const response = await this.call('POST', `${ssbUrl}/api/v1/token`, {
      form: { grant_type: 'password', username, password },
    });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`);
    return (response.json as { access_token: string }).access_token;
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
