/**
 * Every vendor that speaks the OpenAI wire, as configuration: where it lives, where its key comes
 * from, and how its dialect differs. Adding a vendor is adding an entry here.
 */

import type { ProviderDefinition } from '../types';
import { createOpenAIAdapter } from './adapter';
import { openAIWire, type OpenAIWireConfig } from './wireConfig';

type VendorEntry = Omit<ProviderDefinition, 'adapter' | 'chat' | 'embeddings'> & {
  chat?: boolean;
  embeddings?: boolean;
  wire?: Partial<OpenAIWireConfig>;
};

const vendors: readonly VendorEntry[] = [
  {
    id: 'openai',
    displayName: 'OpenAI',
    defaultApiBase: 'https://api.openai.com/v1',
    apiBaseEnv: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'],
    apiKeyEnv: ['OPENAI_API_KEY'],
    keyRequired: true,
    wire: { maxTokens: 'max_completion_tokens', base64Embeddings: true, responsesApi: true },
  },
  {
    id: 'azure',
    displayName: 'Azure OpenAI',
    aliases: ['azure_openai'],
    apiBaseEnv: ['AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT'],
    apiKeyEnv: ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY'],
    apiVersionEnv: ['AZURE_API_VERSION', 'OPENAI_API_VERSION'],
    defaultApiVersion: '2024-10-21',
    keyRequired: true,
    wire: { auth: 'api-key', urls: 'azure', maxTokens: 'max_completion_tokens_for_reasoning_models', base64Embeddings: true, listModels: false, responsesApi: true },
  },
  {
    id: 'xai',
    embeddings: false,
    displayName: 'xAI',
    defaultApiBase: 'https://api.x.ai/v1',
    apiBaseEnv: ['XAI_API_BASE'],
    apiKeyEnv: ['XAI_API_KEY'],
    keyRequired: true,
  },
  {
    id: 'mistral',
    displayName: 'Mistral',
    defaultApiBase: 'https://api.mistral.ai/v1',
    apiBaseEnv: ['MISTRAL_API_BASE'],
    apiKeyEnv: ['MISTRAL_API_KEY'],
    keyRequired: true,
    // Mistral reports usage on the last chunk by itself and names "required" "any".
    wire: { streamUsage: false, toolChoiceRequired: 'any' },
  },
  {
    id: 'openrouter',
    displayName: 'OpenRouter',
    defaultApiBase: 'https://openrouter.ai/api/v1',
    apiBaseEnv: ['OPENROUTER_API_BASE'],
    apiKeyEnv: ['OPENROUTER_API_KEY', 'OR_API_KEY'],
    keyRequired: true,
    wire: { reasoningEffort: 'reasoning_object', cacheControl: true, headers: { 'x-title': 'Switchboard' } },
  },
  {
    id: 'groq',
    embeddings: false,
    displayName: 'Groq',
    defaultApiBase: 'https://api.groq.com/openai/v1',
    apiBaseEnv: ['GROQ_API_BASE'],
    apiKeyEnv: ['GROQ_API_KEY'],
    keyRequired: true,
  },
  {
    id: 'deepseek',
    embeddings: false,
    displayName: 'DeepSeek',
    defaultApiBase: 'https://api.deepseek.com/v1',
    apiBaseEnv: ['DEEPSEEK_API_BASE'],
    apiKeyEnv: ['DEEPSEEK_API_KEY'],
    keyRequired: true,
  },
  {
    id: 'together',
    displayName: 'Together AI',
    aliases: ['together_ai', 'togetherai'],
    defaultApiBase: 'https://api.together.xyz/v1',
    apiBaseEnv: ['TOGETHER_API_BASE', 'TOGETHERAI_API_BASE'],
    apiKeyEnv: ['TOGETHER_API_KEY', 'TOGETHERAI_API_KEY', 'TOGETHER_AI_API_KEY'],
    keyRequired: true,
  },
  {
    id: 'fireworks',
    displayName: 'Fireworks AI',
    aliases: ['fireworks_ai'],
    defaultApiBase: 'https://api.fireworks.ai/inference/v1',
    apiBaseEnv: ['FIREWORKS_API_BASE', 'FIREWORKS_AI_API_BASE'],
    apiKeyEnv: ['FIREWORKS_API_KEY', 'FIREWORKS_AI_API_KEY'],
    keyRequired: true,
  },
  {
    id: 'lmstudio',
    displayName: 'LM Studio',
    aliases: ['lm_studio'],
    defaultApiBase: 'http://localhost:1234/v1',
    apiBaseEnv: ['LM_STUDIO_API_BASE', 'LMSTUDIO_API_BASE'],
    apiKeyEnv: ['LM_STUDIO_API_KEY'],
    keyRequired: false,
  },
  {
    id: 'nvidia',
    displayName: 'NVIDIA NIM',
    aliases: ['nvidia_nim'],
    defaultApiBase: 'https://integrate.api.nvidia.com/v1',
    apiBaseEnv: ['NVIDIA_API_BASE', 'NVIDIA_NIM_API_BASE'],
    apiKeyEnv: ['NVIDIA_API_KEY', 'NVIDIA_NIM_API_KEY'],
    keyRequired: true,
  },
  {
    id: 'huggingface',
    embeddings: false,
    displayName: 'Hugging Face',
    aliases: ['hf'],
    defaultApiBase: 'https://router.huggingface.co/v1',
    apiBaseEnv: ['HF_API_BASE', 'HUGGINGFACE_API_BASE'],
    apiKeyEnv: ['HF_TOKEN', 'HUGGINGFACE_API_KEY', 'HUGGING_FACE_HUB_TOKEN'],
    keyRequired: true,
  },
  {
    id: 'jina',
    displayName: 'Jina AI',
    aliases: ['jina_ai'],
    defaultApiBase: 'https://api.jina.ai/v1',
    apiBaseEnv: ['JINA_API_BASE', 'JINA_AI_API_BASE'],
    apiKeyEnv: ['JINA_API_KEY', 'JINA_AI_API_KEY'],
    keyRequired: true,
    chat: false,
    wire: { listModels: false },
  },
  {
    id: 'openai-compatible',
    displayName: 'OpenAI-compatible server',
    aliases: ['openai_compatible', 'hosted_vllm', 'vllm', 'llamacpp'],
    apiBaseEnv: ['OPENAI_COMPATIBLE_API_BASE'],
    apiKeyEnv: ['OPENAI_COMPATIBLE_API_KEY'],
    keyRequired: false,
  },
];

/** The OpenAI-wire providers, ready for the registry. */
export const openAIWireProviders: readonly ProviderDefinition[] = vendors.map(({ wire, chat, embeddings, ...vendor }) => ({
  ...vendor,
  chat: chat ?? true,
  embeddings: embeddings ?? true,
  adapter: createOpenAIAdapter({ ...openAIWire, ...wire }),
}));
