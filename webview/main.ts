/**
 * The chat webview's entry point (dist/webview.js, a module: the chunks it imports later are in
 * dist/webview-chunks/): connects to the host, restores the unsent text VS Code kept for us (and
 * keeps the conversation on screen there for a restored tab), draws the chat, and says `ready`,
 * which the host answers with a snapshot of the conversation (so a re-created or re-shown view
 * catches up, even mid-stream).
 */

import { ChatCommands } from './commands';
import { loadLaterComponents } from './components';
import { connectHost, listenToHost } from './host';
import { loadMarkdown } from './markdownLoader';
import { ChatApp } from './render/app';
import { withDraftText } from './state';
import { Store } from './store';

function start(): void {
  const host = connectHost();
  const store = new Store();
  const saved = host.persisted();
  if (saved !== undefined) {
    store.update((state) => withDraftText(state, saved.draftText));
  }
  const root = document.getElementById('app') ?? document.body;
  new ChatApp(root, store, new ChatCommands(store, host), () => {
    void loadLaterComponents();
    void warmUpMarkdownSoon();
  });
  // The conversation on screen is kept for VS Code's panel serializer: a restored tab reopens it.
  let shownConversation: string | undefined;
  store.subscribe(() => {
    const conversationId = store.state.conversationId;
    if (conversationId !== '' && conversationId !== shownConversation) {
      shownConversation = conversationId;
      host.persist({ conversationId });
    }
  });
  listenToHost((message) => store.dispatch(message));
  host.post({ type: 'ready' });
}

/**
 * After the first paint: the markdown renderer's chunk (if no message asked for it yet), then, in
 * a task of its own, its warm-up, so the first answer's frame does not pay for either.
 */
async function warmUpMarkdownSoon(): Promise<void> {
  const markdown = await loadMarkdown();
  setTimeout(markdown.warmUpMarkdown, 0);
}

start();
