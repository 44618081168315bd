/**
 * `onDidChangeModels` for API callers: fires when the list they would get from `listModels()`
 * changed — a key set or cleared, a provider or endpoint configured — not when the chat merely
 * selected another model (the model service fires for both).
 */

import type { ListedModel } from '../../core';
import { Emitter, type Event } from '../event';
import { Disposable } from '../lifecycle';

/** The listed model ids, sorted: two lists with the same signature offer the same models. */
function modelListSignature(models: readonly ListedModel[]): string {
  return JSON.stringify(models.map((model) => model.id).sort());
}

export interface ModelListSource {
  /** Fires after a listing finished, or the chat's model changed. */
  readonly onDidChange: Event<void>;
  /** The models listed so far (starts no listing). */
  listedSoFar(): readonly ListedModel[];
}

export class ModelListEvents extends Disposable {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange: Event<void> = this.changed.event;
  private signature: string;

  constructor(
    private readonly source: ModelListSource,
    /** What the API lists of a source's models. */
    private readonly visible: (models: readonly ListedModel[]) => ListedModel[],
  ) {
    super();
    this.signature = this.current();
    this._register(source.onDidChange(() => this.check()));
  }

  private current(): string {
    return modelListSignature(this.visible(this.source.listedSoFar()));
  }

  private check(): void {
    const signature = this.current();
    if (signature !== this.signature) {
      this.signature = signature;
      this.changed.fire();
    }
  }
}
