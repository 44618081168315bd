/**
 * Google Cloud credentials for Vertex AI, through google-auth-library: a service-account or ADC
 * JSON the call names (text or a path), else application default credentials
 * (GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server). The library signs,
 * caches and refreshes the access token before it expires; one client is kept per credentials for
 * the life of the Switchboard client. Tokens are never logged and never put in an error. The
 * library is loaded on the first Vertex call (through googleAuthLibrary.ts, which the product
 * build keeps in dist/googleAuth.js), not when the core loads.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AuthenticationError } from '../../errors';
import { expandHome } from '../../homePath';
import { asRecord, stringField } from '../../jsonValues';
import type { CallContext } from '../types';
import type { AuthClient, GoogleAuth } from './googleAuthLibrary';

const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

/** Where google-auth-library always sends a service account's signed assertion. */
const googleTokenUrl = 'https://oauth2.googleapis.com/token';

/** One set of credentials, signed in: its access tokens, and the project it belongs to. */
export class VertexCredentials {
  private auth: Promise<GoogleAuth> | undefined;
  private client: Promise<AuthClient> | undefined;

  constructor(private readonly json: Record<string, unknown> | undefined) {}

  private googleAuth(): Promise<GoogleAuth> {
    this.auth ??= import('./googleAuthLibrary').then(({ GoogleAuth }) => new GoogleAuth({ scopes: [cloudPlatformScope], ...(this.json === undefined ? {} : { credentials: this.json }) }));
    return this.auth;
  }

  /** A valid access token (the library's cached one, or a fresh one when it is about to expire). */
  async accessToken(): Promise<string> {
    this.client ??= this.googleAuth().then(async (auth) => routeTokenRequests(await auth.getClient(), this.json));
    // A failed sign-in is not kept: the next call tries again (a file fixed, a network back).
    const client = await this.client.catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    const { token } = await client.getAccessToken();
    if (token === undefined || token === null || token.length === 0) {
      throw new Error('the credentials gave no access token');
    }
    return token;
  }

  /** The credentials' own project: the JSON's `project_id`, else what ADC knows (gcloud, the metadata server). */
  async project(): Promise<string | undefined> {
    const own = stringField(this.json, 'project_id') ?? stringField(this.json, 'quota_project_id');
    if (own !== undefined) {
      return own;
    }
    const auth = await this.googleAuth();
    return (await auth.getProjectId().catch(() => null)) ?? undefined;
  }
}

/**
 * google-auth-library sends a service account's assertion to Google's token URL whatever the
 * JSON's `token_uri` says; Python's google-auth (LiteLLM's) honours `token_uri`, so a key file
 * made for another token endpoint (a sovereign cloud, a test server) works here too.
 */
function routeTokenRequests(client: AuthClient, json: Record<string, unknown> | undefined): AuthClient {
  const tokenUri = stringField(json, 'token_uri');
  if (stringField(json, 'type') === 'service_account' && tokenUri !== undefined && tokenUri !== googleTokenUrl) {
    client.transporter.interceptors.request.add({
      resolved: (config) => {
        if (config.url.href === googleTokenUrl) {
          config.url = new URL(tokenUri);
        }
        return Promise.resolve(config);
      },
    });
  }
  return client;
}

/** The credentials JSON from text or a file; undefined → application default credentials. `fail` makes the error for a reason. */
export function credentialsJson(source: string | undefined, fail: (reason: string) => Error): Record<string, unknown> | undefined {
  if (source === undefined) {
    return undefined;
  }
  let text = source;
  if (!source.startsWith('{')) {
    try {
      text = readFileSync(expandHome(source), 'utf8');
    } catch (error) {
      throw fail(`cannot read the credentials file ${source}: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail('vertex_credentials is not JSON (nor the path of a JSON file)');
  }
  const json = asRecord(parsed);
  if (json === undefined) {
    throw fail('vertex_credentials is not a JSON object');
  }
  return json;
}

export function authError(reason: string, call: CallContext): AuthenticationError {
  return new AuthenticationError({ message: `${call.provider.displayName}: ${reason}.`, llm_provider: call.provider.id, model: call.requestedModel });
}

/** The signed-in credentials for `source`, made once per Switchboard client (kept in `call.memo`). */
export function vertexCredentials(source: string | undefined, call: CallContext): VertexCredentials {
  // The memo key names the credentials by a digest, so the map never holds the key text twice.
  const key = `vertex_ai.credentials:${createHash('sha256').update(source ?? 'application-default').digest('hex')}`;
  const known = call.memo.get(key);
  if (known instanceof VertexCredentials) {
    return known;
  }
  const credentials = new VertexCredentials(credentialsJson(source, (reason) => authError(reason, call)));
  call.memo.set(key, credentials);
  return credentials;
}
