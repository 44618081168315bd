/**
 * `Client.prepare`'s bookkeeping: each model (at each base URL) is prepared once, callers asking
 * again share the first preparation, and a failure is logged and forgotten — never thrown: the
 * real request meets the same problem and reports it where someone reads it.
 */

import { errorMessage } from './errors';
import type { Logger } from './logger';
import type { CallOptions } from './types';

/** Preparations remembered at most; past this the memory starts again (a caller naming endless models). */
const rememberedAtMost = 64;

export class Preparations {
  private readonly started = new Map<string, Promise<void>>();

  constructor(
    private readonly run: (model: string, options: CallOptions) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Resolves when the model's requests have what they need; at once when that was done before. */
  prepare(model: string, options: CallOptions): Promise<void> {
    const key = JSON.stringify([model, options.api_base ?? '']);
    const known = this.started.get(key);
    if (known !== undefined) {
      return known;
    }
    if (this.started.size >= rememberedAtMost) {
      this.started.clear();
    }
    const preparation = this.attempt(model, options).then((prepared) => {
      if (!prepared) {
        this.started.delete(key);
      }
    });
    this.started.set(key, preparation);
    return preparation;
  }

  private async attempt(model: string, options: CallOptions): Promise<boolean> {
    try {
      await this.run(model, options);
      return true;
    } catch (error) {
      this.logger.debug(`Preparing ${model} failed (its request will say why): ${errorMessage(error)}`);
      return false;
    }
  }
}
