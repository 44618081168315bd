/**
 * History search: every word of a query must occur, case and accents aside, in a conversation's
 * title or its messages (their text and attachment names). Results come newest first, at most
 * `searchResultLimit`, each with a one-line excerpt around its first match in the messages.
 *
 * The conversations are read into an index in memory, a few at a time, when the history panel
 * first opens (`prepare`: the search box has the focus, so the reading is mostly done by the time
 * a query is typed) or on the first search (a chat whose history is never opened pays nothing). From then on the chat tells the index
 * what it saves and deletes, and a search compares the index with the store's listing (the store
 * keeps its own summaries: a directory read and a stat per file) when the last comparison is more
 * than `listingReuseMs` old, re-reading only conversations that changed behind the chat's back —
 * written by another VS Code window (the listing itself stats no conversation: see
 * conversationStore.ts). Each conversation keeps only its folded text, at most `searchableLength`
 * characters (searchText.ts); the text as shown is read back for the results' excerpts, at most
 * `searchResultLimit` per search, and the last `excerptSourcesKept` are kept for searches typed in a row.
 */

import type { ConversationSummary } from '../../protocol/messages';
import { errorText } from '../errorText';
import type { ChatLog, Conversation, ConversationStore } from './ports';
import { forEachFewAtOnce } from './fewAtOnce';
import { excerptAround, fold, messagesText, queryWords, searchable, type SearchableText } from './searchText';

/** The most results one search answers: more than a list shows before the query is refined. */
export const searchResultLimit = 50;

/** Conversations read from the store at once while the index is built. */
const parallelLoads = 8;

/** Texts as shown kept for excerpts (the latest results, what the chat saved): a few results' worth, never the history. */
export const excerptSourcesKept = searchResultLimit * 2;

/**
 * How long a comparison with the store's listing holds: searches typed in a row (one per
 * keystroke) match in memory only; what another window wrote shows a few seconds later.
 */
export const listingReuseMs = 5_000;

export interface ConversationSearchOptions {
  store: ConversationStore;
  log: ChatLog;
  /** The conversation on screen: searched as it stands, saved or not (it is skipped while empty). */
  current(): Conversation | undefined;
  /** Milliseconds of a monotonic clock (tests move it by hand); `performance.now` without it. */
  now?: () => number;
}

/** What the index keeps of a conversation: its summary and the folded texts it matches against. */
interface IndexedConversation {
  summary: ConversationSummary;
  title: string;
  folded: string;
}

function indexed(conversation: Conversation): { entry: IndexedConversation; text: SearchableText } {
  const summary = { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: conversation.messages.length };
  const text = searchable(messagesText(conversation.messages));
  return { entry: { summary, title: fold(conversation.title), folded: text.folded }, text };
}

function sameSummary(a: ConversationSummary, b: ConversationSummary): boolean {
  return a.updatedAt === b.updatedAt && a.title === b.title && a.messageCount === b.messageCount;
}

/** A conversation that has every word: where its messages first match, or -1 when only its title does. */
interface Hit {
  entry: IndexedConversation;
  at: number;
  length: number;
}

function hitOf(entry: IndexedConversation, words: readonly string[]): Hit | undefined {
  let at = -1;
  let length = 0;
  for (const word of words) {
    const found = entry.folded.indexOf(word);
    if (found < 0 && !entry.title.includes(word)) {
      return undefined;
    }
    if (found >= 0 && (at < 0 || found < at)) {
      at = found;
      length = word.length;
    }
  }
  return { entry, at, length };
}

export class ConversationSearch {
  private readonly entries = new Map<string, IndexedConversation>();
  /** False until the first search: before it, what the chat saves is not indexed (the first search reads it all). */
  private started = false;
  private refreshing: Promise<void> | undefined;
  /** When the last comparison with the listing began; undefined before the first. */
  private lastListing: number | undefined;
  private readonly now: () => number;
  /** Counts the changes the chat told; `changedAt` holds, per conversation, the count at its last one. */
  private changes = 0;
  private readonly changedAt = new Map<string, number>();
  /** Texts as shown, by id, oldest use first; at most `excerptSourcesKept`. */
  private readonly excerptSources = new Map<string, SearchableText>();

  constructor(private readonly options: ConversationSearchOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The conversations matching every word of `query`, newest first; none for a blank query. Never rejects. */
  async search(query: string): Promise<ConversationSummary[]> {
    const words = queryWords(query);
    if (words.length === 0) {
      return [];
    }
    await this.refreshIfStale();
    const candidates = new Map(this.entries);
    const current = this.options.current();
    let currentText: SearchableText | undefined;
    if (current !== undefined && current.messages.length > 0) {
      // Newer in memory than in its file (an answer streaming, a save the disk refused).
      const made = indexed(current);
      candidates.set(current.id, made.entry);
      currentText = made.text;
    }
    const hits: Hit[] = [];
    for (const entry of candidates.values()) {
      const hit = hitOf(entry, words);
      if (hit !== undefined) {
        hits.push(hit);
      }
    }
    hits.sort((a, b) => b.entry.summary.updatedAt - a.entry.summary.updatedAt);
    const shown = hits.slice(0, searchResultLimit);
    const excerpts = new Map<string, string>();
    await forEachFewAtOnce(
      shown.filter((hit) => hit.at >= 0),
      parallelLoads,
      async ({ entry, at, length }) => {
        const { id } = entry.summary;
        const text = id === current?.id && currentText !== undefined ? currentText : await this.excerptSource(id, entry.folded);
        // The text read back is the one indexed unless the file changed since: then the excerpt waits for the next search.
        if (text !== undefined && text.folded === entry.folded) {
          excerpts.set(id, excerptAround(text, at, length));
        }
      },
    );
    return shown.map(({ entry }) => {
      const match = excerpts.get(entry.summary.id);
      return match === undefined ? { ...entry.summary } : { ...entry.summary, match };
    });
  }

  /**
   * Starts reading the conversations into the index (or comparing it with the listing) without a
   * query, when a search is likely to follow; a search meanwhile waits for the same reading.
   */
  prepare(): void {
    void this.refreshIfStale();
  }

  /** Brings the index level with the listing unless that was done within `listingReuseMs`; never rejects. */
  private refreshIfStale(): Promise<void> | undefined {
    this.started = true;
    if (this.refreshing === undefined && (this.lastListing === undefined || this.now() - this.lastListing >= listingReuseMs)) {
      this.lastListing = this.now();
      this.refreshing = this.refresh().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  /** The text as shown of a conversation in the results: kept from a recent search or save, else read back. */
  private async excerptSource(id: string, folded: string): Promise<SearchableText | undefined> {
    let text = this.excerptSources.get(id);
    if (text === undefined || text.folded !== folded) {
      const conversation = await this.load(id);
      if (conversation === undefined) {
        return undefined;
      }
      text = indexed(conversation).text;
    }
    this.keepExcerptSource(id, text);
    return text;
  }

  private keepExcerptSource(id: string, text: SearchableText): void {
    this.excerptSources.delete(id);
    this.excerptSources.set(id, text);
    for (const oldest of this.excerptSources.keys()) {
      if (this.excerptSources.size <= excerptSourcesKept) {
        break;
      }
      this.excerptSources.delete(oldest);
    }
  }

  /** The chat saved (or renamed) a conversation: the index takes it as it is now, without reading the file. */
  saved(conversation: Conversation): void {
    if (this.started) {
      this.changedAt.set(conversation.id, ++this.changes);
      const { entry, text } = indexed(conversation);
      this.entries.set(conversation.id, entry);
      this.keepExcerptSource(conversation.id, text);
    }
  }

  deleted(id: string): void {
    if (this.started) {
      this.changedAt.set(id, ++this.changes);
      this.entries.delete(id);
      this.excerptSources.delete(id);
    }
  }

  /** Brings the index level with the store's listing: reads what is new or changed there, drops what is gone. */
  private async refresh(): Promise<void> {
    const changesBefore = this.changes;
    let listed: ConversationSummary[];
    try {
      listed = await this.options.store.list();
    } catch (error) {
      this.options.log.warn(`Chat: history search could not list the conversations: ${errorText(error)}`);
      // Tried again at the next search, not in a few seconds.
      this.lastListing = undefined;
      return;
    }
    // What the chat told after the listing began is newer than the listing.
    const toldSince = (id: string): boolean => (this.changedAt.get(id) ?? 0) > changesBefore;
    const present = new Set(listed.map((summary) => summary.id));
    for (const id of [...this.entries.keys()]) {
      if (!present.has(id) && !toldSince(id)) {
        this.entries.delete(id);
        this.excerptSources.delete(id);
      }
    }
    const stale = listed.filter((summary) => {
      const entry = this.entries.get(summary.id);
      return !toldSince(summary.id) && (entry === undefined || !sameSummary(entry.summary, summary));
    });
    // A few changed conversations (another window's) keep their text for excerpts; a whole history read does not.
    const keepTexts = stale.length <= excerptSourcesKept;
    await forEachFewAtOnce(stale, parallelLoads, async ({ id }) => {
      const loadedAt = this.changes;
      const conversation = await this.load(id);
      // A save or delete told while the file was read wins over what was read.
      if (conversation !== undefined && (this.changedAt.get(id) ?? 0) <= loadedAt) {
        const { entry, text } = indexed(conversation);
        this.entries.set(id, entry);
        if (keepTexts) {
          this.keepExcerptSource(id, text);
        }
      }
    });
  }

  /** A conversation from the store; one that cannot be read is left out (the store reports it). */
  private async load(id: string): Promise<Conversation | undefined> {
    try {
      return await this.options.store.load(id);
    } catch (error) {
      this.options.log.warn(`Chat: history search could not read ${id}: ${errorText(error)}`);
      return undefined;
    }
  }
}
