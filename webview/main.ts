/**
 * The chat webview's entry point (bundled to dist/webview.js): connects to the host, restores the
 * unsent text VS Code kept for us (and keeps the conversation on screen there for a restored tab), draws the chat, and says `ready`, which the host answers with a
 * snapshot of the conversation (so a re-created or re-shown view catches up, even mid-stream).
 */

import { ChatCommands } from './commands';
import { connectHost, listenToHost } from './host';
import { warmUpMarkdown } from './markdown';
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
  new ChatApp(root, store, new ChatCommands(store, host));
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
  setTimeout(warmUpMarkdown, 0);
}

start();
