/**
 * What `client.testConnection()` reports: the steps a request takes to a provider, in order, each
 * with a plain-words outcome. The first failed step ends the report; the steps after it are
 * `skipped`. A report never holds a key or a proxy password.
 */

export type ConnectionStepName = 'settings' | 'proxy' | 'dns' | 'tcp' | 'tls' | 'http' | 'auth';

export interface ConnectionStep {
  name: ConnectionStepName;
  outcome: 'passed' | 'failed' | 'skipped';
  /** One plain sentence: what happened. */
  summary: string;
  /** What to do, or the facts behind the summary (addresses, certificate subject/issuer/expiry, status). */
  detail?: string;
  /** How long the step took, for steps that touch the network. */
  ms?: number;
}

export interface ConnectionReport {
  /** The provider's id (`openai`). */
  provider: string;
  /** Its human name (`OpenAI`). */
  providerName: string;
  /** The base URL a request goes to ('' when the settings did not get that far). */
  url: string;
  steps: ConnectionStep[];
  /** True when no step failed. */
  ok: boolean;
}

/** The order of the steps (a report always lists all seven). */
export const connectionStepNames: readonly ConnectionStepName[] = ['settings', 'proxy', 'dns', 'tcp', 'tls', 'http', 'auth'];
