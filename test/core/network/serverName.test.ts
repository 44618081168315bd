/**
 * The TLS server name and the HTTP host are always the configured origin's. undici takes a `Host`
 * header for both, so on a shared CDN edge a caller's `Host: evil.example` would have delivered
 * the user's key to another site. The client refuses such headers before sending (see
 * callerOptions.test.ts); this checks the last line under every provider, the transport itself,
 * on a real TLS server that records the name the client asked for (SNI) and the Host it sent.
 */

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'mocha';
import { HttpTransport } from '../../../src/core/http/transport';
import { generateCertificates, type TestCertificates } from './certificates';

interface Seen {
  serverName: string | false | null | undefined;
  host: string | undefined;
  forwarded: string | undefined;
}

describe('network: the TLS server name is the base URL host, whatever the headers say', () => {
  let certificates: TestCertificates;
  let server: Server;
  let port: number;
  const seen: Seen[] = [];

  before(async () => {
    certificates = generateCertificates();
    server = createServer({ ...certificates.server }, (request, response) => {
      seen.push({ serverName: (request.socket as TLSSocket).servername, host: request.headers.host, forwarded: request.headers['x-forwarded-host'] as string | undefined });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.close();
    certificates.remove();
  });

  it('a Host, X-Forwarded-Host or Connection header reaching the transport neither names the TLS server nor the HTTP host', async () => {
    const transport = new HttpTransport();
    try {
      const response = await transport.send({
        url: `https://localhost:${port}/v1/chat/completions`,
        method: 'POST',
        headers: { host: 'evil.example', 'X-Forwarded-Host': 'evil.example', connection: 'upgrade', authorization: 'Bearer user-key-12345' },
        body: '{}',
        timeoutMs: 5_000,
        context: { llm_provider: 'openai', providerName: 'OpenAI', model: 'openai/gpt-4o' },
        network: { call: { ssl_verify: certificates.caFile }, env: {} },
      });
      await response.readText(1024);
    } finally {
      await transport.close();
    }
    assert.deepEqual(seen, [{ serverName: 'localhost', host: `localhost:${port}`, forwarded: undefined }]);
  });
});
