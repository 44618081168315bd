/**
 * Disposables as VS Code's own `src/vs/base/common/lifecycle.ts` has them: a store that owns
 * many, a base class that registers its parts at birth, and a slot for a replaceable one. Plain
 * TypeScript (no `vscode` import), so the shell's logic is tested in Node; `vscode.Disposable`
 * fits `IDisposable` structurally.
 */

export interface IDisposable {
  dispose(): void;
}

/** Wraps a clean-up function; it runs once, however often `dispose` is called. */
export function toDisposable(cleanUp: () => void): IDisposable {
  let disposed = false;
  return {
    dispose: () => {
      if (!disposed) {
        disposed = true;
        cleanUp();
      }
    },
  };
}

/**
 * Disposes every item even when some throw, then rethrows the first error (or an
 * AggregateError of all), so one faulty part never keeps the others alive.
 */
export function disposeAll(disposables: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const disposable of disposables) {
    try {
      disposable.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) {
    throw errors[0];
  }
  if (errors.length > 1) {
    throw new AggregateError(errors, 'Several disposables failed to dispose.');
  }
}

/** Owns disposables; disposing the store disposes them, and anything added afterwards at once. */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `disposable` and returns it, so it can be registered where it is born. */
  add<T extends IDisposable>(disposable: T): T {
    if (this.disposed) {
      // Adding to a dead store would leak the item silently: release it instead.
      disposable.dispose();
    } else {
      this.items.add(disposable);
    }
    return disposable;
  }

  /** Disposes what the store holds and keeps the store usable. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.clear();
  }
}

/** A base class whose parts are registered at birth with `_register` and disposed with it. */
export abstract class Disposable implements IDisposable {
  protected readonly _store = new DisposableStore();

  protected _register<T extends IDisposable>(disposable: T): T {
    return this._store.add(disposable);
  }

  dispose(): void {
    this._store.dispose();
  }
}

/** Holds at most one disposable: setting a new value disposes the previous one. */
export class MutableDisposable<T extends IDisposable> implements IDisposable {
  private current: T | undefined;
  private disposed = false;

  get value(): T | undefined {
    return this.disposed ? undefined : this.current;
  }

  set value(value: T | undefined) {
    if (this.disposed) {
      value?.dispose();
      return;
    }
    if (value === this.current) {
      return;
    }
    const previous = this.current;
    this.current = value;
    previous?.dispose();
  }

  clear(): void {
    this.value = undefined;
  }

  dispose(): void {
    this.clear();
    this.disposed = true;
  }
}
