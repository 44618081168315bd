/**
 * What "Add Provider" offers and asks, as plain values: the first step's choices (every provider
 * the core supports, each once — aliases are folded into their provider — with a one-line
 * description, and a custom OpenAI-compatible endpoint), and for each choice the steps that follow.
 * The cloud providers and the team gateway have setup flows of their own (bedrockSetup,
 * vertexSetup, gatewaySetup): their plan hands over to them. Tested without VS Code; the command
 * turns it into a multi-step quick input.
 */

import { listProviders } from '../../core';
import type { Localize } from '../chat/localize';

/** The first step's id for a custom endpoint (never a provider id: those have no spaces). */
export const customEndpointChoice = 'custom endpoint';

/** A step after the provider pick. */
export type SetupStepId = 'endpointName' | 'baseUrl' | 'apiVersion' | 'deployments' | 'key' | 'headers';

export type SetupPlan =
  | {
      kind: 'steps';
      /** The steps in order, the provider pick not counted. */
      steps: readonly SetupStepId[];
      /** False where the provider takes calls without a key (a local server, a keyless gateway). */
      keyRequired: boolean;
    }
  /** Bedrock, Vertex AI and the LiteLLM gateway: their own setup flow asks what they need. */
  | { kind: 'handover'; providerId: 'bedrock' | 'vertex_ai' | 'litellm_proxy' };

export interface ProviderChoice {
  /** A provider's canonical id, or `customEndpointChoice`. */
  id: string;
  label: string;
  /** One line: what it is and what it will ask. */
  description: string;
}

const handovers: ReadonlySet<string> = new Set(['bedrock', 'vertex_ai', 'litellm_proxy']);

/** Providers that take a base URL: local and self-hosted servers (the hosted APIs have fixed ones). */
const baseUrlProviders: ReadonlySet<string> = new Set(['ollama', 'lmstudio', 'openai-compatible']);

/** The step plan of a first-step choice; undefined for an id nobody offers. */
export function setupPlan(choiceId: string): SetupPlan | undefined {
  if (choiceId === customEndpointChoice) {
    return { kind: 'steps', steps: ['endpointName', 'baseUrl', 'key', 'headers'], keyRequired: false };
  }
  const provider = listProviders().find((candidate) => candidate.id === choiceId);
  if (provider === undefined || provider.offline === true) {
    return undefined;
  }
  if (handovers.has(provider.id)) {
    return { kind: 'handover', providerId: provider.id as 'bedrock' | 'vertex_ai' | 'litellm_proxy' };
  }
  if (provider.id === 'azure') {
    return { kind: 'steps', steps: ['baseUrl', 'apiVersion', 'deployments', 'key'], keyRequired: true };
  }
  if (baseUrlProviders.has(provider.id)) {
    return { kind: 'steps', steps: ['baseUrl', 'key'], keyRequired: provider.keyRequired };
  }
  return { kind: 'steps', steps: ['key'], keyRequired: provider.keyRequired };
}

/**
 * How many steps Add Provider shows for a choice, the provider pick counted (its title's "n/total"
 * while the choice is in view); undefined for a flow of its own, which counts its own steps.
 */
export function flowLength(choiceId: string): number | undefined {
  const plan = setupPlan(choiceId);
  return plan?.kind === 'steps' ? plan.steps.length + 1 : undefined;
}

/** One line per provider, in the registry's order; a provider missing here gets a generic line. */
function descriptionOf(id: string, localize: Localize): string | undefined {
  switch (id) {
    case 'openai':
      return localize('GPT and o-series models; an API key');
    case 'azure':
      return localize('Your Azure OpenAI resource: endpoint, API version, deployments and key');
    case 'xai':
      return localize('Grok models; an API key');
    case 'mistral':
      return localize('Mistral and Codestral models; an API key');
    case 'openrouter':
      return localize("Many vendors' models behind one key");
    case 'groq':
      return localize('Fast open models on Groq hardware; an API key');
    case 'deepseek':
      return localize('DeepSeek chat and reasoner models; an API key');
    case 'together':
      return localize('Open models hosted by Together AI; an API key');
    case 'fireworks':
      return localize('Open models hosted by Fireworks AI; an API key');
    case 'lmstudio':
      return localize('Models running in LM Studio on this machine or another; its URL');
    case 'nvidia':
      return localize("NVIDIA's hosted NIM models; an API key");
    case 'huggingface':
      return localize("Hugging Face's inference router; a token");
    case 'jina':
      return localize('Embeddings only (for other extensions); an API key');
    case 'openai-compatible':
      return localize('One OpenAI-compatible server (vLLM, llama.cpp, a gateway) as the provider openai-compatible; its URL');
    case 'anthropic':
      return localize('Claude models; an API key');
    case 'gemini':
      return localize("Google's Gemini models from AI Studio; an API key");
    case 'ollama':
      return localize('Models running in Ollama on this machine or another; its URL');
    case 'bedrock':
      return localize('Models on AWS Bedrock; access keys, a profile or an API key, and a region');
    case 'vertex_ai':
      return localize('Gemini and Claude on Google Cloud; a key file or application credentials, project and location');
    case 'litellm_proxy':
      return localize("Your team's LiteLLM gateway; its URL and your virtual key");
    default:
      return undefined;
  }
}

/**
 * The order people look for them in: the big hosted APIs, the clouds, local and self-hosted
 * servers (a custom endpoint among them), a team gateway; every other provider follows in the
 * registry's order.
 */
const leadingChoices: readonly string[] = ['openai', 'anthropic', 'gemini', 'azure', 'bedrock', 'vertex_ai', 'ollama', 'lmstudio', customEndpointChoice, 'openai-compatible', 'litellm_proxy'];

/**
 * The first step: every provider once (aliases folded by the registry, the offline mock left out:
 * it needs no setup) and a custom OpenAI-compatible endpoint of the user's own naming, the most
 * sought first (`leadingChoices`).
 */
export function providerChoices(localize: Localize): ProviderChoice[] {
  const providers = listProviders()
    .filter((provider) => provider.offline !== true)
    .map((provider) => ({ id: provider.id, label: provider.displayName, description: descriptionOf(provider.id, localize) ?? localize('Provider {0}', provider.id) }));
  const choices = [
    ...providers,
    { id: customEndpointChoice, label: localize('Custom OpenAI-compatible endpoint'), description: localize('A server of your own under a name you choose: its URL, an optional key and headers') },
  ];
  const rank = (id: string): number => {
    const index = leadingChoices.indexOf(id);
    return index === -1 ? leadingChoices.length : index;
  };
  // A stable sort: the providers not ranked keep the registry's order after the ranked ones.
  return choices.sort((a, b) => rank(a.id) - rank(b.id));
}
