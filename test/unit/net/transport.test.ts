/** A real HTTP CONNECT proxy on loopback that records where clients tunnel to. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sendJson } from '../../../src/core/net/http';
import { NetworkError } from '../../../src/core/net/networkError';
import { createTransport } from '../../../src/core/net/transport';
import { SignInGuard } from '../../../src/core/ssb/signInGuard';
import { tempDir } from '../../helpers/tempDir';
import { startSandbox, type Sandbox } from '../../sandbox/server';

async function startProxy(): Promise<{ url: string; tunnels: string[]; server: Server }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels, server };
}

describe('transport: CA file and proxy', () => {
  let sandbox: Sandbox;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    proxy = await startProxy();
  });
  after(async () => {
    proxy.server.closeAllConnections();
    proxy.server.close();
    await sandbox.stop();
  });

  const info = (dispatcher: Parameters<typeof sendJson>[0]) =>
    sendJson(dispatcher, { method: 'GET', url: `${sandbox.info.ssbUrl}/api/v1/info` });

  it('logs each request as method, URL without query, status and time — never headers, tokens or bodies', async () => {
    const entries: { method: string; url: string; status?: number; error?: string; ms: number }[] = [];
    const transport = await createTransport({ caFile: sandbox.info.caFile, onRequest: (entry) => entries.push(entry) });
    try {
      const demo = sandbox.info.municipalities[0];
      assert.ok(demo);
      const form = new URLSearchParams({
        grant_type: 'password',
        username: demo.username,
        password: demo.password,
      }).toString();
      const token = await sendJson(transport.dispatcher, {
        method: 'POST',
        url: `${sandbox.info.ssbUrl}/api/v1/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      const access = (token.json as { access_token: string }).access_token;
      await sendJson(transport.dispatcher, {
        method: 'GET',
        url: `${sandbox.info.ssbUrl}/api/v1/files?newOnly=true&secretish=abc`,
        headers: { authorization: `Bearer ${access}` },
      });
      assert.deepEqual(
        entries.map(({ method, url, status }) => ({ method, url, status })),
        [
          { method: 'POST', url: `${sandbox.info.ssbUrl}/api/v1/token`, status: 200 },
          { method: 'GET', url: `${sandbox.info.ssbUrl}/api/v1/files`, status: 200 },
        ],
      );
      const logged = JSON.stringify(entries);
      for (const secret of [demo.password, access, 'secretish'])
        assert.ok(!logged.includes(secret), 'nothing secret in the log');
      assert.ok(entries.every((entry) => Number.isInteger(entry.ms) && entry.ms >= 0));
    } finally {
      await transport.close();
    }
  });

  it('trusts the system roots plus the extra CA file', async () => {
    const transport = await createTransport({ caFile: sandbox.info.caFile });
    try {
      assert.equal((await info(transport.dispatcher)).status, 200);
      assert.equal(transport.proxyUrl, undefined);
    } finally {
      await transport.close();
    }
  });

  it('a CA file that is missing or holds no certificate is a clear configuration error', async () => {
    const dir = await tempDir();
    await assert.rejects(
      createTransport({ caFile: join(dir, 'finnes-ikke.pem') }),
      (error: NetworkError) => error.kind === 'configuration' && /cannot be read/.test(error.message),
    );
    await writeFile(join(dir, 'tom.pem'), 'ikke et sertifikat');
    await assert.rejects(
      createTransport({ caFile: join(dir, 'tom.pem') }),
      (error: NetworkError) => error.kind === 'configuration' && /no PEM certificate/.test(error.message),
    );
  });

  it('goes through the configured proxy (CONNECT) and still verifies the server certificate end to end', async () => {
    const transport = await createTransport({ caFile: sandbox.info.caFile, proxy: { url: proxy.url } });
    const before = proxy.tunnels.length;
    try {
      assert.equal((await info(transport.dispatcher)).status, 200);
      assert.equal(proxy.tunnels.length - before, 1);
      assert.equal(proxy.tunnels.at(-1), new URL(sandbox.info.ssbUrl).host);
      assert.equal(transport.proxyUrl, proxy.url);
    } finally {
      await transport.close();
    }
    const untrusting = await createTransport({ proxy: { url: proxy.url } });
    try {
      await assert.rejects(info(untrusting.dispatcher), (error: NetworkError) => error.kind === 'tls-unknown-ca');
    } finally {
      await untrusting.close();
    }
  });

  it('http.noProxy hosts bypass the proxy; proxy credentials are never shown', async () => {
    const transport = await createTransport({
      caFile: sandbox.info.caFile,
      proxy: { url: proxy.url.replace('http://', 'http://bruker:hemmelig@'), noProxy: ['127.0.0.1'] },
    });
    const before = proxy.tunnels.length;
    try {
      assert.equal((await info(transport.dispatcher)).status, 200);
      assert.equal(proxy.tunnels.length, before, 'no tunnel for a noProxy host');
      assert.ok(!transport.proxyUrl?.includes('hemmelig'));
    } finally {
      await transport.close();
    }
  });

  it('http.proxyStrictSSL = false does not switch certificate checks off; it is reported instead', async () => {
    const transport = await createTransport({ proxy: { url: proxy.url, strictSSL: false } });
    try {
      assert.equal(transport.strictSSLIgnored, true);
      await assert.rejects(info(transport.dispatcher), (error: NetworkError) => error.kind === 'tls-unknown-ca');
    } finally {
      await transport.close();
    }
  });

  it('the CLI takes HTTPS_PROXY / NO_PROXY from the environment', async () => {
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTPS_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    const transport = await createTransport({ caFile: sandbox.info.caFile, proxy: 'environment' });
    const before = proxy.tunnels.length;
    try {
      assert.equal((await info(transport.dispatcher)).status, 200);
      assert.equal(proxy.tunnels.length - before, 1);
    } finally {
      await transport.close();
      if (saved.HTTPS_PROXY === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved.HTTPS_PROXY;
      if (saved.NO_PROXY !== undefined) process.env.NO_PROXY = saved.NO_PROXY;
    }
  });

  it('a proxy that refuses: a proxy error that names the proxy settings', async () => {
    const refusing = createServer();
    refusing.on('connect', (_req, client) => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const transport = await createTransport({
      caFile: sandbox.info.caFile,
      proxy: { url: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}` },
    });
    try {
      await assert.rejects(
        info(transport.dispatcher),
        (error: NetworkError) => error.kind === 'proxy' && /proxy settings/.test(error.remedy),
      );
    } finally {
      await transport.close();
      refusing.close();
    }
  });
});

describe('sign-in guard', () => {
  it('lets a first retry through, then makes repeated failures wait longer', () => {
    let now = 0;
    const guard = new SignInGuard(() => now);
    assert.equal(guard.waitFor('a@b.no'), 0);
    guard.recordFailure('A@b.no');
    assert.equal(guard.waitFor('a@b.no'), 0, 'a typo may be corrected at once');
    guard.recordFailure('a@b.no');
    assert.equal(guard.waitFor('a@b.no'), 30_000);
    now = 30_000;
    guard.recordFailure('a@b.no');
    assert.equal(guard.waitFor('a@b.no'), 120_000);
    guard.recordSuccess('a@b.no');
    assert.equal(guard.waitFor('a@b.no'), 0);
  });
});
