/**
 * The request every client sends, and helpers the hand-written clients share. The body is the one
 * the openai SDK and Switchboard send for the same call, so the server sees the same thing.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const benchModel = 'gpt-4o-mini';
export const benchKey = 'sk-bench';
export const benchMessages = [
  { role: 'system' as const, content: 'You are a storyteller.' },
  { role: 'user' as const, content: 'Tell me a very long story.' },
];

export function baseUrl(port: number): string {
  return `http://127.0.0.1:${port}/v1`;
}

/** The JSON body of a streaming chat request, as the SDKs write it. */
export function requestBody(maxTokens: number | undefined): string {
  return JSON.stringify({
    model: benchModel,
    messages: benchMessages,
    stream: true,
    stream_options: { include_usage: true },
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
  });
}

export const requestHeaders: Record<string, string> = {
  'content-type': 'application/json',
  accept: 'text/event-stream',
  authorization: `Bearer ${benchKey}`,
};

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
