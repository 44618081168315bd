/**
 * History search over the real file store: every word of the query, case and accents aside, in
 * the title or the messages (attachment names too); newest first, capped; an excerpt around the
 * first match in the messages only; the index built once and kept current by what the chat tells
 * it (no file read again), healed from the listing when another window changed the folder;
 * unreadable files left out; the conversation on screen searched unsaved. Then through the chat's
 * history: `history/results` after saves, renames and deletes.
 */

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessageView, ConversationSummary } from '../../src/protocol/messages';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import { ConversationSearch, excerptSourcesKept, listingReuseMs, searchResultLimit } from '../../src/shell/chat/conversationSearch';
import type { Conversation, ConversationStore } from '../../src/shell/chat/ports';
import { excerptLength } from '../../src/shell/chat/searchText';
import { MemoryLog } from '../helpers/chatFakes';
import { ScriptedCompletions, useHistoryRigs } from './chat/historyRig';

const start = Date.UTC(2026, 10, 25, 9, 0, 0);

function message(id: string, role: 'user' | 'assistant', content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView {
  return { id, role, content, status: 'complete', createdAt: start, ...extra };
}

function conversation(id: string, minute: number, title: string, texts: string[], extra: Partial<Conversation> = {}): Conversation {
  const messages = texts.map((text, index) => message(`${id}-m${index}`, index % 2 === 0 ? 'user' : 'assistant', text));
  return { version: 1, id, title, createdAt: start, updatedAt: start + minute * 60_000, model: 'openai/gpt-4o-mini', messages, ...extra };
}

function summary(entry: Conversation, match?: string): ConversationSummary {
  const made: ConversationSummary = { id: entry.id, title: entry.title, updatedAt: entry.updatedAt, messageCount: entry.messages.length };
  return match === undefined ? made : { ...made, match };
}

/** The store, counting the conversations read from it. */
class CountingLoads implements ConversationStore {
  loads = 0;
  lists = 0;
  constructor(readonly inner: ConversationStore) {}
  list(): ReturnType<ConversationStore['list']> {
    this.lists++;
    return this.inner.list();
  }
  load(id: string): Promise<Conversation | undefined> {
    this.loads++;
    return this.inner.load(id);
  }
  save(conversation: Conversation): Promise<void> {
    return this.inner.save(conversation);
  }
  rename(id: string, title: string): Promise<void> {
    return this.inner.rename(id, title);
  }
  delete(id: string): Promise<void> {
    return this.inner.delete(id);
  }
}

const resume = conversation('resume', 1, 'Résumé tips', ['How do I write a CV for a first job?', 'Start with your education, then projects.']);
const dessert = conversation('dessert', 2, 'Cooking', ['What does a crème brûlée need?', 'Cream, egg yolks, sugar and VANILLA; a torch for the crust.']);
const travel = conversation('travel', 3, 'Travel plans', ['Paris in spring?', 'Paris in spring is mild; pack a light coat.']);

describe('history search', () => {
  const rigs = useHistoryRigs();

  /** A search over `conversations` saved in a fresh folder, on a clock the test moves (`clock.ms`). */
  async function searchOver(
    conversations: Conversation[],
    current: () => Conversation | undefined = () => undefined,
  ): Promise<{ search: ConversationSearch; store: CountingLoads; directory: string; clock: { ms: number } }> {
    const directory = await rigs.directory();
    const store = new CountingLoads(new FileConversationStore({ directory, log: new MemoryLog() }));
    for (const each of conversations) {
      await store.save(each);
    }
    const clock = { ms: 0 };
    return { search: new ConversationSearch({ store, log: new MemoryLog(), current, now: () => clock.ms }), store, directory, clock };
  }

  it('finds every word of the query, case and accents aside, in the title or the messages; a title-only match has no excerpt', async () => {
    const { search } = await searchOver([resume, dessert, travel]);
    assert.deepStrictEqual(
      {
        accentsInTitle: await search.search('RESUME'),
        accentsInText: await search.search('creme   Brulee'),
        titleAndText: await search.search('résumé cv'),
        caseInText: await search.search('vanilla'),
        oneWordMissing: await search.search('paris autumn'),
        partOfWord: await search.search('spr'),
      },
      {
        accentsInTitle: [summary(resume)],
        accentsInText: [summary(dessert, 'What does a crème brûlée need?')],
        titleAndText: [summary(resume, 'How do I write a CV for a first job?')],
        caseInText: [summary(dessert, 'Cream, egg yolks, sugar and VANILLA; a torch for the crust.')],
        oneWordMissing: [],
        partOfWord: [summary(travel, 'Paris in spring?')],
      },
    );
  });

  it('answers nothing for a blank query, and reads nothing for it', async () => {
    const { search, store } = await searchOver([resume]);
    assert.deepStrictEqual([await search.search(''), await search.search(' \t '), store.loads], [[], [], 0]);
  });

  it('searches attachment names, not attached text', async () => {
    const attached = conversation('attached', 1, 'Review', []);
    attached.messages = [
      message('q', 'user', 'Please review', { attachments: [{ kind: 'file', name: 'src/parser.ts', text: 'const secretSauce = 1;' }] }),
      message('a', 'assistant', 'Looks fine.'),
    ];
    const { search } = await searchOver([attached]);
    assert.deepStrictEqual([await search.search('parser.ts'), await search.search('secretSauce')], [[summary(attached, 'Please review src/parser.ts')], []]);
  });

  it('shows one line of at most 120 characters around the first match, from the message that has it', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(12);
    const long = conversation('long', 1, 'Long', [
      'A question about something else entirely',
      `${filler}\n\nThe  needle\tis here, ${filler}`,
    ]);
    const { search } = await searchOver([long]);
    const [found] = await search.search('NEEDLE');
    const expected = '…amet lorem ipsum dolor sit amet The needle is here, lorem ipsum dolor sit amet lorem ipsum dolor sit amet lorem ipsum…';
    assert.deepStrictEqual(found, summary(long, expected));
    assert.ok(expected.length <= excerptLength);
    // The earliest match of any word is shown, in its own message only.
    const [both] = await search.search('here question');
    assert.equal(both?.match, 'A question about something else entirely');
  });

  it('keeps a letter that folds to two (İ) in step with its text', async () => {
    const turkish = conversation('turkish', 1, 'Şehirler', ['İstanbul ve İzmir arasında kaç kilometre var?', 'Yaklaşık 480 kilometre.']);
    const { search } = await searchOver([turkish]);
    assert.deepStrictEqual(await search.search('izmir'), [summary(turkish, 'İstanbul ve İzmir arasında kaç kilometre var?')]);
  });

  it('lists the newest first, at most 50', async () => {
    const many = Array.from({ length: 60 }, (_, index) => conversation(`c${index}`, (index * 7) % 60, `Topic ${index}`, ['common question', 'common answer']));
    const { search } = await searchOver(many);
    const found = await search.search('common');
    const newest = [...many].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, searchResultLimit);
    assert.deepStrictEqual(found, newest.map((each) => summary(each, 'common question')));
  });

  it('keeps no text as shown for a whole history: excerpts read back the results alone, and searches typed in a row reuse them', async () => {
    const many = Array.from({ length: excerptSourcesKept + 20 }, (_, index) => conversation(`c${index}`, index, `Topic ${index}`, [`shared words ${index}`, 'an answer']));
    const { search, store } = await searchOver(many);
    const found = await search.search('shared');
    const newest = [...many].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, searchResultLimit);
    assert.deepStrictEqual(found, newest.map((each) => summary(each, `shared words ${each.id.slice(1)}`)));
    assert.equal(store.loads, many.length + searchResultLimit, 'each file into the index once, then the 50 results for their excerpts');
    assert.deepStrictEqual(await search.search('words'), found);
    assert.equal(store.loads, many.length + searchResultLimit);
  });

  it('reads the history when the panel opens (prepare), so a search right after reads each file once, and a later one none', async () => {
    const { search, store } = await searchOver([resume, dessert, travel]);
    search.prepare();
    const found = search.search('paris');
    assert.deepStrictEqual(await found, [summary(travel, 'Paris in spring?')]);
    assert.deepStrictEqual([store.lists, store.loads], [1, 3], 'one listing and one reading of each file (a history this small keeps its texts for the excerpts)');
    search.prepare();
    assert.deepStrictEqual(await search.search('crème'), [summary(dessert, 'What does a crème brûlée need?')]);
    assert.deepStrictEqual([store.lists, store.loads], [1, 3], 'within the listing\'s reuse time opening again reads nothing');
  });

  it('takes the saves, renames and deletes the chat tells it, without reading a file again', async () => {
    const { search, store } = await searchOver([resume, dessert]);
    assert.deepStrictEqual(await search.search('vanilla'), [summary(dessert, 'Cream, egg yolks, sugar and VANILLA; a torch for the crust.')]);
    assert.equal(store.loads, 2);

    const added = conversation('added', 9, 'Gardening', ['When to plant tulips?', 'In autumn.']);
    await store.save(added);
    search.saved(added);
    const renamed = { ...resume, title: 'Job hunting' };
    await store.save(renamed);
    search.saved(renamed);
    await store.delete(dessert.id);
    search.deleted(dessert.id);

    assert.deepStrictEqual(
      [await search.search('tulips'), await search.search('hunting'), await search.search('résumé'), await search.search('vanilla')],
      [[summary(added, 'When to plant tulips?')], [summary(renamed)], [], []],
    );
    assert.equal(store.loads, 2);
  });

  it('reads what another window changed in the folder once its listing is a few seconds old, and leaves unreadable files out', async () => {
    const { search, store, directory, clock } = await searchOver([resume, dessert]);
    const cream = summary(dessert, 'Cream, egg yolks, sugar and VANILLA; a torch for the crust.');
    assert.deepStrictEqual(await search.search('cream'), [cream]);
    const otherWindow = new FileConversationStore({ directory, log: new MemoryLog() });
    const written = conversation('elsewhere', 5, 'From another window', ['Cream cheese frosting?', 'Yes.']);
    await otherWindow.save(written);
    await otherWindow.delete(dessert.id);
    await writeFile(join(directory, 'damaged.json'), '{ "version": 1, "id": "damaged", "title": "cream');
    // Searches typed in a row match in memory.
    clock.ms += listingReuseMs - 1;
    assert.deepStrictEqual([await search.search('cream'), store.lists], [[cream], 1]);
    clock.ms += 1;
    assert.deepStrictEqual([await search.search('cream'), store.lists], [[summary(written, 'Cream cheese frosting?')], 2]);
    // Only the new conversation was read.
    assert.equal(store.loads, 3);
  });

  it('searches the conversation on screen as it stands, saved or not, and not while it is empty', async () => {
    let current: Conversation | undefined = conversation('screen', 10, 'Unsaved', []);
    const { search } = await searchOver([travel], () => current);
    assert.deepStrictEqual(await search.search('unsaved'), []);
    current = conversation('screen', 10, 'Unsaved', ['Is Paris far from Lyon?']);
    const onScreen = current;
    assert.deepStrictEqual(await search.search('paris'), [summary(onScreen, 'Is Paris far from Lyon?'), summary(travel, 'Paris in spring?')]);
  });

  it('keeps a save told while the index is being read over the older file it read', async () => {
    const directory = await rigs.directory();
    const inner = new FileConversationStore({ directory, log: new MemoryLog() });
    await inner.save(resume);
    let letLoad = (): void => undefined;
    let reached = (): void => undefined;
    const loadHeld = new Promise<void>((resolve) => (reached = resolve));
    const held: ConversationStore = {
      list: () => inner.list(),
      load: async (id) => {
        const loaded = await inner.load(id);
        const waiting = new Promise<void>((resolve) => (letLoad = resolve));
        reached();
        await waiting;
        return loaded;
      },
      save: (each) => inner.save(each),
      rename: (id, title) => inner.rename(id, title),
      delete: (id) => inner.delete(id),
    };
    const search = new ConversationSearch({ store: held, log: new MemoryLog(), current: () => undefined });
    const first = search.search('first');
    await loadHeld;
    const newer = { ...resume, title: 'Newer title', updatedAt: resume.updatedAt + 1 };
    await inner.save(newer);
    search.saved(newer);
    letLoad();
    assert.deepStrictEqual(await first, [summary(newer, 'How do I write a CV for a first job?')]);
  });

  describe('through the chat history', () => {
    it('posts history/results with the query as sent; sees saves, renames and deletes at once, answering the last query again after each; never answers a blank query', async () => {
      const client = new ScriptedCompletions(() => ({ text: 'unused' }));
      after(() => client.close());
      const rig = await rigs.rig({ client });
      const first = await rig.answered('Where is the Eiffel Tower?', 'In Paris, on the Champ de Mars.');
      const second = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.');
      rig.sink.clear();

      await rig.history.search('  Eiffel ');
      await rig.history.search('   ');
      await rig.history.rename(first.id, 'Landmarks');
      await rig.history.search('landmarks');
      await rig.history.search('eiffel');
      await rig.history.remove(second.id);

      const results = rig.sink.of('history/results');
      const at = (entry: Conversation): ConversationSummary => ({ id: entry.id, title: entry.title, updatedAt: entry.updatedAt, messageCount: 2 });
      assert.deepStrictEqual(results, [
        {
          type: 'history/results',
          query: '  Eiffel ',
          conversations: [
            { ...at(second), title: 'How tall is the Eiffel Tower?', match: 'How tall is the Eiffel Tower?' },
            { ...at(first), title: 'Where is the Eiffel Tower?', match: 'Where is the Eiffel Tower?' },
          ],
        },
        // The rename answers the last query again: the results show the new title.
        {
          type: 'history/results',
          query: '  Eiffel ',
          conversations: [
            { ...at(second), title: 'How tall is the Eiffel Tower?', match: 'How tall is the Eiffel Tower?' },
            { ...at(first), title: 'Landmarks', match: 'Where is the Eiffel Tower?' },
          ],
        },
        { type: 'history/results', query: 'landmarks', conversations: [{ ...at(first), title: 'Landmarks' }] },
        {
          type: 'history/results',
          query: 'eiffel',
          conversations: [
            { ...at(second), title: 'How tall is the Eiffel Tower?', match: 'How tall is the Eiffel Tower?' },
            { ...at(first), title: 'Landmarks', match: 'Where is the Eiffel Tower?' },
          ],
        },
        // So does the delete: the deleted conversation leaves the results.
        { type: 'history/results', query: 'eiffel', conversations: [{ ...at(first), title: 'Landmarks', match: 'Where is the Eiffel Tower?' }] },
      ]);
      // The rename is the user's, in the file too.
      assert.deepStrictEqual(await rig.store.load(first.id).then((saved) => [saved?.title, saved?.titleSource]), ['Landmarks', 'user']);
    });
  });
});
