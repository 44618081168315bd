/**
 * Vertex AI requests: the Gemini and Anthropic bodies their own mappers build, sent to Vertex's
 * paths with Google Cloud credentials. Gemini speaks the same generateContent wire as AI Studio;
 * Claude speaks the Messages wire through `rawPredict`, with `anthropic_version` in the body and
 * the model in the path instead.
 */

import type { CallOptions, CompletionParams } from '../../types';
import { messagesRequest } from '../anthropic/request';
import type { OutgoingRequest } from '../exchange';
import { generateContentBody, requestHeaders } from '../gemini/request';
import type { CallContext } from '../types';
import { authError, vertexCredentials } from './auth';
import { configuredCredentials, configuredProject, expressModelUrl, publisherModelUrl, vertexLocation, vertexVersionedBase } from './location';

/** The Messages API version Vertex takes in the body. */
const vertexAnthropicVersion = 'vertex-2023-10-16';

/** Claude's models on Vertex are Anthropic's publisher; everything else is Google's. */
export function isClaudeModel(modelId: string): boolean {
  return modelId.toLowerCase().startsWith('claude');
}

/** Who the call is, for Vertex: an OAuth bearer token and a project, or an express-mode key. */
type OAuthIdentity = { kind: 'oauth'; token: string; project: string };
type VertexIdentity = OAuthIdentity | { kind: 'key'; key: string };

function environmentOf(call: CallContext): Readonly<Record<string, string | undefined>> {
  return call.network?.env ?? process.env;
}

/**
 * Credentials the call names win; then an API key (express mode); then the credentials the
 * environment names, or application default credentials.
 */
async function identityFor(params: CallOptions, call: CallContext): Promise<VertexIdentity> {
  const key = call.provider.apiKey;
  const callCredentials = params.vertex_credentials?.trim() ?? '';
  if (callCredentials.length === 0 && key !== undefined && key.length > 0) {
    return { kind: 'key', key };
  }
  return oauthIdentity(params, call);
}

/** A bearer token from the named credentials or ADC, and the project the call goes to. */
async function oauthIdentity(params: CallOptions, call: CallContext): Promise<OAuthIdentity> {
  const env = environmentOf(call);
  const source = configuredCredentials(params, env);
  const credentials = vertexCredentials(source, call);
  let token: string;
  try {
    token = await credentials.accessToken();
  } catch (error) {
    throw authError(`could not get a Google Cloud access token (${(error as Error).message})`, call);
  }
  const project = configuredProject(params, env) ?? (await credentials.project());
  if (project === undefined) {
    throw authError('no Google Cloud project: pass vertex_project or set VERTEXAI_PROJECT', call);
  }
  return { kind: 'oauth', token, project };
}

/** The call's provider as the shared mappers should see it: no key of its own (Vertex's auth is added here). */
function withoutKey(call: CallContext): CallContext {
  return { ...call, provider: { ...call.provider, apiKey: undefined } };
}

/** What a failure's body must not repeat (a proxy that echoes the request): the bearer token or the key. */
function secretsOf(identity: VertexIdentity): string[] {
  return [identity.kind === 'oauth' ? identity.token : identity.key];
}

function authHeaders(identity: VertexIdentity): Record<string, string> {
  return identity.kind === 'oauth' ? { authorization: `Bearer ${identity.token}` } : { 'x-goog-api-key': identity.key };
}

/** Where a call to one of Google's models goes, and with what auth: `…/publishers/google/models/{model}:{method}`. */
export async function vertexGoogleTarget(params: CallOptions, call: CallContext, method: string, stream: boolean): Promise<Omit<OutgoingRequest, 'body'>> {
  const identity = await identityFor(params, call);
  const location = vertexLocation(params, environmentOf(call));
  const base = vertexVersionedBase(call.provider.apiBase, location);
  const url = identity.kind === 'oauth' ? publisherModelUrl(base, identity.project, location, 'google', call.modelId, method) : expressModelUrl(base, call.modelId, method);
  const shared = withoutKey(call).provider;
  return { url, headers: { ...requestHeaders(shared, stream), ...authHeaders(identity), ...shared.headers }, secrets: secretsOf(identity) };
}

/** Gemini on Vertex: `:generateContent` (or `:streamGenerateContent?alt=sse`). */
export async function vertexGeminiRequest(params: CompletionParams, call: CallContext, stream: boolean): Promise<OutgoingRequest> {
  const target = await vertexGoogleTarget(params, call, stream ? 'streamGenerateContent?alt=sse' : 'generateContent', stream);
  return { ...target, body: generateContentBody(params, call.modelId) };
}

/**
 * Claude on Vertex: `…/publishers/anthropic/models/{model}:rawPredict` (or `:streamRawPredict`).
 * Always OAuth: express mode's API keys serve Google's models only.
 */
export async function vertexAnthropicRequest(params: CompletionParams, call: CallContext, stream: boolean): Promise<{ request: OutgoingRequest; jsonMode: boolean }> {
  const identity = await oauthIdentity(params, call);
  const location = vertexLocation(params, environmentOf(call));
  const shared = withoutKey(call);
  const { request, jsonMode } = messagesRequest(params, shared, stream);
  const body = { ...(request.body as Record<string, unknown>) };
  // Vertex names the model in the path and refuses it in the body.
  delete body['model'];
  body['anthropic_version'] ??= vertexAnthropicVersion;
  const url = publisherModelUrl(vertexVersionedBase(call.provider.apiBase, location), identity.project, location, 'anthropic', call.modelId, stream ? 'streamRawPredict' : 'rawPredict');
  return { request: { url, headers: { ...request.headers, ...authHeaders(identity), ...shared.provider.headers }, body, secrets: secretsOf(identity) }, jsonMode };
}
