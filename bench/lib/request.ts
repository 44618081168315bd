/**
 * The requests the clients send, and helpers the hand-written clients share. Each body is the one
 * the wire's official SDK and Switchboard send for the same call, so the server sees the same
 * thing from every client of a wire.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { wires, type WireName } from './wires';

export const benchModel = 'gpt-4o-mini';
/** A current model: the Anthropic SDK prints a deprecation warning on every request for an older one. */
export const benchAnthropicModel = 'claude-sonnet-4-6';
export const benchKey = 'sk-bench';
export const benchSystem = 'You are a storyteller.';
export const benchPrompt = 'Tell me a very long story.';
export const benchMessages = [
  { role: 'system' as const, content: benchSystem },
  { role: 'user' as const, content: benchPrompt },
];

/** A Bedrock model id with a `:` in it, so every client's path encoding is exercised as on AWS. */
export const benchBedrockModel = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
export const benchAwsRegion = 'us-east-1';
/** Static AWS keys: the server does not check signatures, but Switchboard and the SDK sign with them. */
export const benchAwsKeys = { accessKeyId: 'AKIDSWITCHBOARDBENCH', secretAccessKey: 'switchboard-bench-SECRET-0000' };

export const benchGeminiModel = 'gemini-2.5-flash';
export const benchOllamaModel = 'llama3.2';

/** The OpenAI base URL, `/v1` included, as the openai SDK and Switchboard take it. */
export function baseUrl(port: number): string {
  return `http://127.0.0.1:${port}/v1`;
}

/** The Anthropic base URL: the host root, as Anthropic's docs and SDK write it. */
export function anthropicBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The Bedrock runtime endpoint the AWS SDK and Switchboard are pointed at: the host root. */
export function bedrockEndpoint(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The Gemini base URL: the host root, to which @google/genai and Switchboard add `/v1beta`. */
export function geminiBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The Ollama server's address, as OLLAMA_HOST, the ollama SDK and Switchboard take it. */
export function ollamaHost(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/**
 * Anthropic requires `max_tokens`, so Anthropic clients always send one: the answer's length,
 * which the server reads as the number of content chunks to stream.
 */
export function anthropicMaxTokens(maxTokens: number | undefined, longChunks: number): number {
  return maxTokens ?? longChunks;
}

/** A request as the hand-written clients send it with undici. */
export interface RawRequest {
  url: string;
  headers: Record<string, string>;
  /** The JSON body for an answer of `maxTokens` (undefined: the long answer). */
  body: (maxTokens: number | undefined) => string;
}

const openaiHeaders: Record<string, string> = {
  'content-type': 'application/json',
  accept: 'text/event-stream',
  authorization: `Bearer ${benchKey}`,
};

const anthropicHeaders: Record<string, string> = {
  'content-type': 'application/json',
  accept: 'application/json',
  'anthropic-version': '2023-06-01',
  'x-api-key': benchKey,
};

/** The streaming request of `wire` to the bench server on `port`; `longChunks` is the long answer. */
export function rawRequest(wire: WireName, port: number, longChunks: number): RawRequest {
  const url = `http://127.0.0.1:${port}${wires[wire].path}`;
  if (wire === 'responses') {
    return {
      url,
      headers: openaiHeaders,
      body: (maxTokens) =>
        JSON.stringify({
          model: benchModel,
          instructions: benchSystem,
          input: benchPrompt,
          stream: true,
          ...(maxTokens === undefined ? {} : { max_output_tokens: maxTokens }),
        }),
    };
  }
  if (wire === 'bedrock') {
    // Unsigned: the minimal client measures parsing; signing is a per-request cost, not a per-chunk one.
    return {
      url: `http://127.0.0.1:${port}/model/${encodeURIComponent(benchBedrockModel)}/converse-stream`,
      headers: { 'content-type': 'application/json', accept: 'application/vnd.amazon.eventstream' },
      body: (maxTokens) =>
        JSON.stringify({
          messages: [{ role: 'user', content: [{ text: benchPrompt }] }],
          system: [{ text: benchSystem }],
          ...(maxTokens === undefined ? {} : { inferenceConfig: { maxTokens } }),
        }),
    };
  }
  if (wire === 'gemini') {
    return {
      url: `${geminiBaseUrl(port)}/v1beta/models/${benchGeminiModel}:streamGenerateContent?alt=sse`,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-goog-api-key': benchKey },
      body: (maxTokens) =>
        JSON.stringify({
          contents: [{ role: 'user', parts: [{ text: benchPrompt }] }],
          systemInstruction: { parts: [{ text: benchSystem }] },
          ...(maxTokens === undefined ? {} : { generationConfig: { maxOutputTokens: maxTokens } }),
        }),
    };
  }
  if (wire === 'ollama') {
    return {
      url,
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: (maxTokens) =>
        JSON.stringify({
          model: benchOllamaModel,
          messages: benchMessages,
          stream: true,
          ...(maxTokens === undefined ? {} : { options: { num_predict: maxTokens } }),
        }),
    };
  }
  if (wire === 'anthropic') {
    return {
      url,
      headers: anthropicHeaders,
      body: (maxTokens) =>
        JSON.stringify({
          max_tokens: anthropicMaxTokens(maxTokens, longChunks),
          messages: [{ role: 'user', content: benchPrompt }],
          model: benchAnthropicModel,
          system: benchSystem,
          stream: true,
        }),
    };
  }
  return {
    url,
    headers: openaiHeaders,
    body: (maxTokens) =>
      JSON.stringify({
        model: benchModel,
        messages: benchMessages,
        stream: true,
        stream_options: { include_usage: true },
        ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      }),
  };
}

/** `name@version` of an installed package (found from its entry point: not all export package.json). */
export function packageLabel(name: string): string {
  let directory = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) {
        return `${name}@${manifest.version ?? '?'}`;
      }
    } catch {
      // No manifest here; look further up.
    }
    const parent = dirname(directory);
    if (parent === directory) {
      return `${name}@?`;
    }
    directory = parent;
  }
}
