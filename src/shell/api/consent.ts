/**
 * Which extensions the user let use their models. The first call from an extension asks once;
 * the answer — Allow or Deny — is remembered in global state (every window, across restarts).
 * Calls that arrive while the question is open wait for the same answer: one question, however
 * many calls. Dismissing the question decides nothing: that call fails and the next one asks again.
 */

import { Emitter, type Event } from '../event';
import { Disposable } from '../lifecycle';

export type AccessDecision = 'allowed' | 'denied';

export interface AccessRecord {
  extensionId: string;
  decision: AccessDecision;
  /** Unix milliseconds of the decision. */
  decidedAt: number;
}

/** Global state as `vscode.Memento` offers it (which fits). */
export interface JsonState {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Asks the user; undefined when they dismissed the question. */
export type AskForAccess = (extensionId: string) => Promise<AccessDecision | undefined>;

/** The outcome of a check: the decision, or `dismissed` when the user closed the question. */
export type AccessOutcome = AccessDecision | 'dismissed';

const stateKey = 'switchboard.api.access';

function isAccessRecord(value: unknown): value is AccessRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record['extensionId'] === 'string' && (record['decision'] === 'allowed' || record['decision'] === 'denied') && typeof record['decidedAt'] === 'number';
}

/** Extension ids are case-insensitive in VS Code. */
function normalize(extensionId: string): string {
  return extensionId.toLowerCase();
}

export class ConsentStore extends Disposable {
  private readonly changed = this._register(new Emitter<void>());
  /** A decision was made, changed or forgotten. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly pending = new Map<string, Promise<AccessOutcome>>();

  constructor(
    private readonly state: JsonState,
    private readonly ask: AskForAccess,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Every remembered decision, by extension id. Read from state each time: another window may have decided. */
  list(): AccessRecord[] {
    const stored = this.state.get(stateKey);
    return Array.isArray(stored) ? stored.filter(isAccessRecord) : [];
  }

  decision(extensionId: string): AccessDecision | undefined {
    const wanted = normalize(extensionId);
    return this.list().find((record) => normalize(record.extensionId) === wanted)?.decision;
  }

  /** The remembered decision, else the user's answer to one question shared by every waiting call. */
  async check(extensionId: string): Promise<AccessOutcome> {
    const known = this.decision(extensionId);
    if (known !== undefined) {
      return known;
    }
    const key = normalize(extensionId);
    let question = this.pending.get(key);
    if (question === undefined) {
      question = this.askOnce(extensionId).finally(() => this.pending.delete(key));
      this.pending.set(key, question);
    }
    return question;
  }

  async set(extensionId: string, decision: AccessDecision): Promise<void> {
    const others = this.list().filter((record) => normalize(record.extensionId) !== normalize(extensionId));
    await this.state.update(stateKey, [...others, { extensionId, decision, decidedAt: this.now() }]);
    this.changed.fire();
  }

  /** Forgets the decision: the extension's next call asks again. */
  async forget(extensionId: string): Promise<void> {
    await this.state.update(
      stateKey,
      this.list().filter((record) => normalize(record.extensionId) !== normalize(extensionId)),
    );
    this.changed.fire();
  }

  private async askOnce(extensionId: string): Promise<AccessOutcome> {
    const answer = await this.ask(extensionId);
    if (answer === undefined) {
      return 'dismissed';
    }
    await this.set(extensionId, answer);
    return answer;
  }
}
