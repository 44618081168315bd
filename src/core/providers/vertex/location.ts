/**
 * Where a Vertex AI call goes: the project and region it names, and the host that serves them.
 * Per-call options win over the environment (LiteLLM's and Google's variable names), which wins
 * over the defaults.
 */

import { environmentValue, type Environment } from '../../environment';
import type { CallOptions } from '../../types';

/** The provider's default base: the global host. A regional location gets its own host instead. */
export const vertexGlobalHost = 'https://aiplatform.googleapis.com';

/** LiteLLM's default region for Vertex AI. */
const defaultLocation = 'us-central1';

export const projectEnv = ['VERTEXAI_PROJECT', 'VERTEX_PROJECT', 'GOOGLE_CLOUD_PROJECT'];
const locationEnv = ['VERTEXAI_LOCATION', 'VERTEX_LOCATION', 'GOOGLE_CLOUD_LOCATION'];
/**
 * GOOGLE_APPLICATION_CREDENTIALS is read here too (from the client's environment, like every other
 * setting), so its key file's `token_uri` is honoured as the call's own credentials' is.
 */
export const credentialsEnv = ['VERTEXAI_CREDENTIALS', 'VERTEX_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS'];

export function vertexLocation(options: CallOptions, env: Environment): string {
  return options.vertex_location?.trim() || environmentValue(env, locationEnv) || defaultLocation;
}

/** The project the call names; undefined → the credentials' own project. */
export function configuredProject(options: CallOptions, env: Environment): string | undefined {
  return options.vertex_project?.trim() || environmentValue(env, projectEnv);
}

/** The credentials the call or the environment names (JSON text or a path); undefined → gcloud's ADC file or the metadata server. */
export function configuredCredentials(options: CallOptions, env: Environment): string | undefined {
  return options.vertex_credentials?.trim() || environmentValue(env, credentialsEnv);
}

/**
 * `{host}/v1` for the call: the configured base (a proxy, a private endpoint) as it is, or for the
 * default, `aiplatform.googleapis.com` for `global` and `{location}-aiplatform.googleapis.com`
 * for a region. A base that already ends in a version is taken whole.
 */
export function vertexVersionedBase(apiBase: string, location: string): string {
  const host = apiBase === vertexGlobalHost && location !== 'global' ? `https://${location}-aiplatform.googleapis.com` : apiBase;
  return /\/v1(beta1)?$/.test(host) ? host : `${host}/v1`;
}

/** One path segment; `@` stays as written (Claude's ids are `claude-sonnet-4@20250514`). */
function segment(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/** `{base}/projects/{p}/locations/{l}/publishers/{publisher}/models/{model}:{method}`. */
export function publisherModelUrl(base: string, project: string, location: string, publisher: 'google' | 'anthropic', model: string, method: string): string {
  return `${base}/projects/${segment(project)}/locations/${segment(location)}/publishers/${publisher}/models/${segment(model)}:${method}`;
}

/** Express mode (an API key, no project): `{base}/publishers/google/models/{model}:{method}`. */
export function expressModelUrl(base: string, model: string, method: string): string {
  return `${base}/publishers/google/models/${segment(model)}:${method}`;
}
