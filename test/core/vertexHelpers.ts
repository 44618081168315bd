/**
 * What the Vertex AI wire tests share: a service account made at test time (a fresh RSA key), a
 * loopback OAuth token endpoint that verifies the account's signed assertion (RS256, with the
 * public key) before it issues short-lived access tokens, and a Vertex stand-in that serves
 * recorded answers only to a bearer token that endpoint issued (Google's 401 body otherwise).
 */

import assert from 'node:assert/strict';
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import type { Harness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';

export const saEmail = 'switchboard-test@vertex-test-project.iam.gserviceaccount.com';
export const saProject = 'vertex-test-project';

/** Google's answer to a missing or unknown bearer token (the body every Google API sends). */
export const unauthenticatedBody = JSON.stringify({
  error: {
    code: 401,
    message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    status: 'UNAUTHENTICATED',
  },
});

export interface TokenEndpoint {
  server: WireServer;
  /** Every access token issued, in order. */
  issued: string[];
  /** The claims of every assertion that verified. */
  claims: Record<string, unknown>[];
}

export interface ServiceAccount {
  /** The key file's JSON, `token_uri` at the loopback endpoint. */
  json: Record<string, string>;
  publicKey: KeyObject;
}

export function makeServiceAccount(tokenUri: string): ServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    publicKey,
    json: {
      type: 'service_account',
      project_id: saProject,
      private_key_id: 'test-key-1',
      private_key: pem,
      client_email: saEmail,
      client_id: '100000000000000000001',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUri,
    },
  };
}

function base64url(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}

/** Checks a JWT-bearer grant the way Google's token endpoint does: alg, signature, issuer, scope, expiry. */
function verifiedClaims(request: RecordedRequest, publicKey: KeyObject): Record<string, unknown> | string {
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return 'unsupported_grant_type';
  }
  const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
  if (header === undefined || payload === undefined || signature === undefined) {
    return 'malformed assertion';
  }
  const alg = (JSON.parse(base64url(header).toString('utf8')) as { alg?: string }).alg;
  if (alg !== 'RS256' || !verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, base64url(signature))) {
    return 'invalid signature';
  }
  const claims = JSON.parse(base64url(payload).toString('utf8')) as Record<string, unknown>;
  const now = Date.now() / 1000;
  if (claims['iss'] !== saEmail || claims['scope'] !== 'https://www.googleapis.com/auth/cloud-platform' || typeof claims['exp'] !== 'number' || claims['exp'] < now) {
    return 'invalid claims';
  }
  return claims;
}

/**
 * The token endpoint. `expiresIn` under google-auth-library's five-minute eager-refresh margin
 * makes every call fetch a new token (a refresh), an hour lets the cached one serve.
 */
export async function startTokenEndpoint(harness: Harness, publicKey: () => KeyObject, expiresIn: number): Promise<TokenEndpoint> {
  const endpoint: TokenEndpoint = { issued: [], claims: [], server: undefined as unknown as WireServer };
  endpoint.server = await harness.server((request): Reply => {
    const claims = verifiedClaims(request, publicKey());
    if (typeof claims === 'string') {
      return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'invalid_grant', error_description: claims }) };
    }
    endpoint.claims.push(claims);
    const token = `ya29.test-token-${endpoint.issued.length + 1}`;
    endpoint.issued.push(token);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token, expires_in: expiresIn, token_type: 'Bearer' }) };
  });
  return endpoint;
}

/**
 * A service account and the token endpoint its `token_uri` names, which checks assertions against
 * this account's key: what every Vertex test signs in with.
 */
export async function signedInAccount(harness: Harness, expiresIn = 3600): Promise<{ tokens: TokenEndpoint; account: ServiceAccount }> {
  // The endpoint's URL goes into the account, and the account's key into the endpoint's checks.
  const made: { account?: ServiceAccount } = {};
  const tokens = await startTokenEndpoint(harness, () => (made.account as ServiceAccount).publicKey, expiresIn);
  const account = makeServiceAccount(`${tokens.server.url}/token`);
  made.account = account;
  return { tokens, account };
}

/** An official SDK's Google auth client holding the token ours was issued (the oracles sign in with it). */
export function sdkAuthClient(token: string | undefined): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return client;
}

/** The Vertex stand-in: `answer` for a token the endpoint issued, Google's 401 otherwise. */
export function vertexResponder(tokens: () => readonly string[], answer: (request: RecordedRequest) => Reply) {
  return (request: RecordedRequest): Reply => {
    const authorization = request.headers['authorization'];
    const valid = typeof authorization === 'string' && tokens().some((token) => authorization === `Bearer ${token}`);
    if (!valid) {
      return { status: 401, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: unauthenticatedBody };
    }
    return answer(request);
  };
}

/** The bearer token a request carried; asserts there was exactly one kind of credential. */
export function bearerOf(request: RecordedRequest | undefined): string {
  assert.ok(request !== undefined, 'no request reached the server');
  const authorization = request.headers['authorization'];
  assert.equal(typeof authorization, 'string');
  assert.equal(request.headers['x-goog-api-key'], undefined);
  return (authorization as string).replace(/^Bearer /, '');
}
