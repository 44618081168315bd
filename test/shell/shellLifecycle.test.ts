/**
 * Disposables, events and the key store: the plumbing every shell part registers itself with.
 */

import assert from 'node:assert/strict';
import { Emitter } from '../../src/shell/event';
import { Disposable, DisposableStore, disposeAll, MutableDisposable, toDisposable } from '../../src/shell/lifecycle';
import { endpointKeyOwner, endpointOfOwner, KeyStore } from '../../src/shell/secrets';
import { MemorySecrets } from './shellFakes';

function recorder(): { log: string[]; make: (name: string) => { dispose(): void } } {
  const log: string[] = [];
  return { log, make: (name) => toDisposable(() => log.push(name)) };
}

describe('shell lifecycle', () => {
  it('a store disposes what it holds once, and anything added after its end at once', () => {
    const { log, make } = recorder();
    const store = new DisposableStore();
    store.add(make('a'));
    store.add(make('b'));
    store.dispose();
    store.dispose();
    store.add(make('late'));
    assert.deepStrictEqual({ log, disposed: store.isDisposed }, { log: ['a', 'b', 'late'], disposed: true });
  });

  it('one failing disposable does not keep the others alive; its error still surfaces', () => {
    const { log, make } = recorder();
    const failing = { dispose: () => { throw new Error('boom'); } };
    assert.throws(() => disposeAll([make('a'), failing, make('b')]), /boom/);
    const twoFailures = (): void => disposeAll([failing, failing]);
    assert.throws(twoFailures, AggregateError);
    assert.deepStrictEqual(log, ['a', 'b']);
  });

  it('a mutable slot disposes the value it replaces, and a value set after its end', () => {
    const { log, make } = recorder();
    const slot = new MutableDisposable();
    slot.value = make('first');
    slot.value = make('second');
    slot.clear();
    slot.value = make('third');
    slot.dispose();
    slot.value = make('after');
    assert.deepStrictEqual({ log, value: slot.value }, { log: ['first', 'second', 'third', 'after'], value: undefined });
  });

  it('a Disposable subclass releases what it registered at birth', () => {
    const { log, make } = recorder();
    class Part extends Disposable {
      constructor() {
        super();
        this._register(make('listener'));
        this._register(make('timer'));
      }
    }
    new Part().dispose();
    assert.deepStrictEqual(log, ['listener', 'timer']);
  });

  it('events: listeners in order, unsubscribe, a throwing listener reported without stopping the rest', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((error) => errors.push(error));
    const seen: string[] = [];
    const first = emitter.event((value) => seen.push(`first ${value}`));
    emitter.event(() => {
      throw new Error('listener failed');
    });
    emitter.event((value) => seen.push(`last ${value}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    emitter.dispose();
    emitter.fire(3);
    assert.deepStrictEqual({ seen, errors: errors.map((error) => (error as Error).message) }, { seen: ['first 1', 'last 1', 'last 2'], errors: ['listener failed', 'listener failed'] });
  });
});

describe('shell key store', () => {
  it('keeps one key per provider and per endpoint, trimmed, and tells who changed', async () => {
    const secrets = new MemorySecrets();
    const keys = new KeyStore(secrets);
    const changes: string[] = [];
    keys.onDidChange((owner) => changes.push(owner));
    await keys.set('openai', '  sk-openai-0123456789  ');
    await keys.set(endpointKeyOwner('Lab-VLLM'), 'lab-token');
    await secrets.store('unrelated', 'x');
    await keys.clear('openai');
    const result = {
      openai: await keys.get('openai'),
      lab: await keys.get(endpointKeyOwner('lab-vllm')),
      owners: await keys.owners(),
      stored: [...secrets.values.entries()],
      changes,
      endpointOf: [endpointOfOwner(endpointKeyOwner('Lab-VLLM')), endpointOfOwner('openai')],
      empty: await keys.set('openai', '   ').then(() => 'stored', () => 'refused'),
    };
    keys.dispose();
    assert.deepStrictEqual(result, {
      openai: undefined,
      lab: 'lab-token',
      owners: ['endpoint:lab-vllm'],
      stored: [
        ['apiKey/endpoint:lab-vllm', 'lab-token'],
        ['unrelated', 'x'],
      ],
      changes: ['openai', 'endpoint:lab-vllm', 'openai'],
      endpointOf: ['lab-vllm', undefined],
      empty: 'refused',
    });
  });
});
