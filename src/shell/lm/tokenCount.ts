/**
 * Token counts for `provideTokenCount`, with a real BPE tokenizer (gpt-tokenizer), not a guess
 * from characters. VS Code uses these counts to fit prompts into `maxInputTokens`.
 *
 * The encoding is o200k_base for every model: it is the encoding of OpenAI's current models
 * (GPT-4o, GPT-4.1, GPT-5, the o-series), and for other families (Claude, Gemini, Llama, Mistral),
 * whose tokenizers do not ship in JavaScript, a modern 200k-vocabulary BPE counts close to theirs —
 * much closer than characters ÷ 4, which is far off for code and for non-Latin scripts. One
 * encoding also keeps one table in memory.
 *
 * The tokenizer (a 2 MB table) loads on the first count, never at activation.
 */

import { tokensPerImage } from '../../protocol/messages';
import type { LmMessage, LmPart } from './lmParts';
import { isTextualMimeType } from './requestMessages';

/** Counts the tokens of a text. */
export type TextCounter = (text: string) => number;

/**
 * OpenAI's documented overhead for chat models ("How to count tokens with tiktoken"): each
 * message costs 3 tokens besides its role and content, and a name 1 more besides its own tokens.
 */
const tokensPerMessage = 3;
const tokensPerName = 1;

function partTokens(part: LmPart, count: TextCounter): number {
  switch (part.kind) {
    case 'text':
      return count(part.text);
    case 'toolCall':
      return count(part.name) + count(JSON.stringify(part.input));
    case 'toolResult':
      return part.content.reduce((sum, inner) => sum + partTokens(inner, count), 0);
    case 'data':
      if (part.mimeType.toLowerCase().startsWith('image/')) {
        return tokensPerImage;
      }
      return isTextualMimeType(part.mimeType) ? count(Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength).toString('utf8')) : 0;
    case 'other':
      return 0;
  }
}

/** A message's tokens as OpenAI counts them: overhead, role, name and content. */
export function countMessageTokens(message: LmMessage, count: TextCounter): number {
  let tokens = tokensPerMessage + count(message.role);
  if (message.name !== undefined) {
    tokens += tokensPerName + count(message.name);
  }
  for (const part of message.parts) {
    tokens += partTokens(part, count);
  }
  return tokens;
}

/** o200k_base from gpt-tokenizer; special-token text (`<|endoftext|>`) counts as the plain text it is. */
async function loadO200kCounter(): Promise<TextCounter> {
  const { countTokens } = await import('gpt-tokenizer');
  const plain = { disallowedSpecial: new Set<string>() };
  return (text) => countTokens(text, plain);
}

/** Counts texts and messages; the tokenizer loads on the first count. */
export class TokenCounter {
  private counter: Promise<TextCounter> | undefined;

  constructor(private readonly load: () => Promise<TextCounter> = loadO200kCounter) {}

  async count(input: string | LmMessage): Promise<number> {
    this.counter ??= this.load();
    let count: TextCounter;
    try {
      count = await this.counter;
    } catch (error) {
      // A failed load is tried again next time rather than remembered forever.
      this.counter = undefined;
      throw error;
    }
    return typeof input === 'string' ? count(input) : countMessageTokens(input, count);
  }

  /** Whether the tokenizer has started loading (tests check it does not at activation). */
  get loadStarted(): boolean {
    return this.counter !== undefined;
  }
}
