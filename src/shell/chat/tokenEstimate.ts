/**
 * How many tokens a chat request will use, before it is sent: the OpenAI messages counted with the
 * o200k tokenizer (see lm/tokenCount.ts for why one encoding serves every family), each message
 * with OpenAI's documented overhead, each image at `tokensPerImage`. Texts already counted are
 * remembered, so a long chat is counted once and each new turn costs only its own text.
 *
 * After an answer, the provider's reported `prompt_tokens` corrects the estimate for that model
 * (`observe`): the ratio of reported to estimated scales later estimates, so the gauge and the
 * fitting follow a provider whose tokenizer counts more than ours (Claude's does).
 */

import type { Message } from '../../core';
import { tokensPerImage, type Attachment } from '../../protocol/messages';
import type { TokenCounting } from './ports';

/** OpenAI's overhead per message ("How to count tokens with tiktoken"), and for priming the reply. */
const tokensPerMessage = 3;
const tokensPerReply = 3;

/** Texts remembered at most; past it the memory starts again (a chat that long recounts once). */
const rememberedTexts = 20_000;

/** Texts shorter than this are not worth remembering: counting them is as fast as looking them up. */
const rememberFrom = 64;

/**
 * How far a provider's count may correct ours. Only upwards: Claude's tokenizer counts more than
 * o200k and the window must not overflow; a count below ours (Gemini's, or a server that reports a
 * made-up number) is not trusted to give room. Past 2×, one odd report is not trusted either.
 */
const correctionRange = { min: 1, max: 2 } as const;

export class TokenEstimator {
  private readonly counted = new Map<string, number>();
  private readonly corrections = new Map<string, number>();

  constructor(private readonly counter: TokenCounting) {}

  /** The tokens of one text (remembered when long). */
  async text(text: string): Promise<number> {
    if (text.length === 0) {
      return 0;
    }
    const known = this.counted.get(text);
    if (known !== undefined) {
      return known;
    }
    const tokens = await this.counter.count(text);
    if (text.length >= rememberFrom) {
      if (this.counted.size >= rememberedTexts) {
        this.counted.clear();
      }
      this.counted.set(text, tokens);
    }
    return tokens;
  }

  /** One message as the model reads it: overhead, role and content. */
  async message(message: Message): Promise<number> {
    let tokens = tokensPerMessage + 1;
    const content = message.content;
    if (typeof content === 'string') {
      tokens += await this.text(content);
    } else if (Array.isArray(content)) {
      for (const part of content) {
        tokens += part.type === 'text' ? await this.text(part.text) : part.type === 'image_url' ? tokensPerImage : 0;
      }
    }
    if (message.role === 'assistant') {
      // A round of tool use: its calls and the signed reasoning sent back with them count too.
      for (const call of message.tool_calls ?? []) {
        tokens += (await this.text(call.function.name)) + (await this.text(call.function.arguments)) + 3;
      }
      for (const block of message.thinking_blocks ?? []) {
        tokens += block.type === 'thinking' ? await this.text(block.thinking) : 0;
      }
    }
    return tokens;
  }

  /** An attachment in a draft: the count the host made when attaching it, else its text's; an image at `tokensPerImage`. */
  async attachment(attachment: Attachment): Promise<number> {
    if (attachment.tokens !== undefined) {
      return attachment.tokens;
    }
    return attachment.kind === 'image' ? tokensPerImage : this.text(attachment.text ?? '');
  }

  /** Each message's tokens, in order. */
  async each(messages: readonly Message[]): Promise<number[]> {
    const counts: number[] = [];
    for (const message of messages) {
      counts.push(await this.message(message));
    }
    return counts;
  }

  /** The request's raw total: its messages and the reply's priming. */
  static total(counts: readonly number[]): number {
    return counts.reduce((sum, count) => sum + count, tokensPerReply);
  }

  /** How much more `model`'s provider counts than we do (1 until it reported). */
  correction(model: string): number {
    return this.corrections.get(model) ?? 1;
  }

  /** `tokens` as `model`'s provider will count them, from what it reported before. */
  corrected(model: string, tokens: number): number {
    return Math.ceil(tokens * this.correction(model));
  }

  /** The provider reported `reported` prompt tokens for a request we estimated at `estimated` (raw). */
  observe(model: string, estimated: number, reported: number | undefined): void {
    if (reported === undefined || reported <= 0 || estimated <= 0) {
      return;
    }
    const ratio = Math.min(correctionRange.max, Math.max(correctionRange.min, reported / estimated));
    this.corrections.set(model, ratio);
  }
}
