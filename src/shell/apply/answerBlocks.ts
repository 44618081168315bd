/**
 * The code blocks of an answer as the chat shows them: markdown-it's fences (the webview renders
 * answers with markdown-it, so a block the user clicked is one of these), with each fence's info
 * string, which the webview does not send. Apply takes the code from here, not from the webview:
 * a message can only point at code an answer holds. The parser is loaded on the first Apply.
 */

import type { ChatMessageView } from '../../protocol/messages';

export interface AnswerBlock {
  /** The fence's info string as written (`ts src/app.ts`). */
  info: string;
  /** The block's text without the newline that ends the fence's last line. */
  code: string;
}

/** Every fenced block of the answer's text, its earlier tool rounds first. */
export async function answerBlocks(message: Pick<ChatMessageView, 'content' | 'rounds'>): Promise<AnswerBlock[]> {
  const { default: MarkdownIt } = await import('markdown-it');
  const parser = new MarkdownIt({ html: false });
  const texts = [...(message.rounds ?? []).map((round) => round.content), message.content];
  return texts.flatMap((text) =>
    parser
      .parse(text, {})
      .filter((token) => token.type === 'fence')
      .map((token) => ({ info: token.info, code: token.content.replace(/\n$/, '') })),
  );
}

/** The block whose code the user clicked Apply on, or undefined when the answer holds no such block. */
export async function clickedBlock(message: Pick<ChatMessageView, 'content' | 'rounds'>, code: string): Promise<AnswerBlock | undefined> {
  return (await answerBlocks(message)).find((block) => block.code === code);
}
