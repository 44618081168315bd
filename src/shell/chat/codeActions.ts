/**
 * The rules behind the chat's code and link buttons: Copy, Insert at cursor, Open in new file, and
 * a clicked link. The host cannot tell a click from a message a compromised webview forged, so
 * what one message can do is bounded here: a huge block asks before it goes into the editor or a
 * new file, a link opens only if `links.ts` allows it, and a fence's language is only a name looked
 * up in a Map. VS Code is reached through `EditorPort` (editorActions.ts implements it).
 */

import { languageIdForFence } from './codeLanguage';
import { openableLink } from './links';
import type { Localize } from './localize';
import type { ChatLog, EditorPort } from './ports';

/**
 * Characters of code that go into the editor or a new file without asking: 100,000 is about 2,500
 * lines of typical code, far more than an answer's block a person reads before inserting, and far
 * less than what the guards let through (5,000,000). Past it the user confirms in a modal dialog,
 * which a forged message cannot click.
 */
export const largeCodeLength = 100_000;

export interface CodeActionsOptions {
  editor: EditorPort;
  log: ChatLog;
  localize: Localize;
  /** A short notice in the chat ("Copied"). */
  notice(message: string): void;
}

export class CodeActions {
  constructor(private readonly options: CodeActionsOptions) {}

  async copyCode(code: string): Promise<void> {
    await this.options.editor.writeClipboard(code);
    this.options.notice(this.options.localize('Copied'));
  }

  async insertCode(code: string): Promise<void> {
    const { editor, localize } = this.options;
    if (!editor.hasTargetEditor()) {
      await editor.warn(localize('Open an editor to insert the code into.'));
      return;
    }
    if (!(await this.confirmLarge(code, localize('Insert {0} characters of code into the editor? A block this large is unusual in an answer.', code.length), localize('Insert')))) {
      return;
    }
    if (!(await editor.insert(code))) {
      await editor.warn(localize('The code could not be inserted: the editor is read-only or changed meanwhile.'));
    }
  }

  async openCodeInNewFile(code: string, fenceLanguage: string | undefined): Promise<void> {
    const { editor, localize } = this.options;
    if (!(await this.confirmLarge(code, localize('Open {0} characters of code in a new file? A block this large is unusual in an answer.', code.length), localize('Open')))) {
      return;
    }
    const wanted = languageIdForFence(fenceLanguage);
    const known = await editor.languages();
    await editor.openUntitled(code, known.includes(wanted) ? wanted : 'plaintext');
  }

  async openLink(href: string): Promise<void> {
    const link = openableLink(href);
    if (link === undefined) {
      // The scheme only: the rest of a link from model output is nobody's business in a log.
      this.options.log.warn(
        `Refused to open a link from the chat: only http and https links and mailto links to one plain address open (got '${href.split(':')[0]?.slice(0, 20) ?? ''}:').`,
      );
      return;
    }
    await this.options.editor.openExternal(link);
  }

  /** True when `code` is small, or the user confirmed the large block; logged when declined. */
  private async confirmLarge(code: string, question: string, action: string): Promise<boolean> {
    if (code.length <= largeCodeLength) {
      return true;
    }
    const confirmed = await this.options.editor.confirm(question, action);
    if (!confirmed) {
      this.options.log.info(`Chat: a code block of ${code.length} characters was not used: the user did not confirm it.`);
    }
    return confirmed;
  }
}
