/**
 * How an answer's encrypted reasoning rides on LiteLLM's message shape between turns. With
 * `store: false` OpenAI keeps nothing, so the reasoning of one answer must come back in the next
 * request as a `reasoning` input item with its `encrypted_content`. It rides as a thinking block,
 * `{type: 'thinking', thinking: <summary text>, signature: <encrypted_content>}`: the field callers
 * already keep on assistant messages and send back for Anthropic, which the stream builder
 * already accumulates, so chat histories carry it without knowing which provider answered.
 */

import type { ThinkingBlock } from '../../../types';

/**
 * OpenAI's encrypted reasoning is a Fernet token, and every Fernet token starts with the version
 * byte 0x80, `gAAAAA` in base64. Anthropic's signatures do not, so a conversation that switched
 * from Claude to an OpenAI model does not send Anthropic's signatures where they would be refused.
 */
const encryptedReasoning = /^gAAAAA/;

/** The thinking block that carries one reasoning item of an answer. */
export function reasoningBlock(summary: string, encryptedContent: string): ThinkingBlock {
  return { type: 'thinking', thinking: summary, signature: encryptedContent };
}

/** The `reasoning` input items for an earlier answer's thinking blocks that came from OpenAI. */
export function reasoningItemsOf(blocks: readonly ThinkingBlock[] | undefined): unknown[] {
  const items: unknown[] = [];
  for (const block of blocks ?? []) {
    if (block.type !== 'thinking' || block.signature === undefined || !encryptedReasoning.test(block.signature)) {
      continue;
    }
    const summary = block.thinking.length > 0 ? [{ type: 'summary_text', text: block.thinking }] : [];
    // No `id`: with `store: false` nothing is stored under it; the encrypted content is the whole
    // item (OpenAI's Codex CLI sends its reasoning items back the same way).
    items.push({ type: 'reasoning', summary, encrypted_content: block.signature });
  }
  return items;
}
