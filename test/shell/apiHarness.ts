/**
 * The public API assembled as the extension assembles it — the real gate, consent store, usage
 * ledger, extension's client, key store and model service — with VS Code's pieces in memory: settings
 * as a mutable object, global state in a Map, the consent modal as scripted answers. Requests go
 * to real servers on 127.0.0.1.
 */

import { SwitchboardApiService } from '../../src/shell/api/apiService';
import { listedForApi } from '../../src/shell/api/apiRoute';
import type { SwitchboardApiV1 } from '../../api';
import { ConsentStore, type AccessDecision, type JsonState } from '../../src/shell/api/consent';
import { endpointKeys, keyHolder } from '../../src/shell/api/keyHolder';
import { ModelListEvents } from '../../src/shell/api/modelListEvents';
import { UsageLedger } from '../../src/shell/api/usageLedger';
import { UsageHistory } from '../../src/shell/usage/usageHistory';
import { readApiEnabled } from '../../src/shell/config';
import { DisposableStore } from '../../src/shell/lifecycle';
import type { ModelService } from '../../src/shell/models';
import type { KeyStore } from '../../src/shell/secrets';
import { shellModels } from '../helpers/shellHarness';
import { settingsSource, type RecordingLog } from './shellFakes';

/** `context.globalState` in a Map (values kept as JSON, as VS Code stores them). */
export class MemoryJsonState implements JsonState {
  readonly values = new Map<string, string>();

  get(key: string): unknown {
    const value = this.values.get(key);
    return value === undefined ? undefined : JSON.parse(value);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.stringify(value));
    }
  }
}

/** The consent modal: answers in order (the last one repeats); each question is recorded. */
export class ScriptedQuestion {
  readonly asked: string[] = [];
  /** Resolved when the test says so, to hold a question open. */
  private gate: Promise<void> = Promise.resolve();
  private open: (() => void) | undefined;

  constructor(private readonly answers: (AccessDecision | undefined)[] = ['allowed']) {}

  /** Holds every question until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
  }

  readonly ask = async (extensionId: string): Promise<AccessDecision | undefined> => {
    this.asked.push(extensionId);
    await this.gate;
    const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    return answer;
  };
}

export const consumerId = 'acme.consumer';

export interface ApiHarnessOptions {
  /** `switchboard.*` settings, raw (mutable later through `settings`). */
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  answers?: (AccessDecision | undefined)[];
  installed?: string[];
  state?: MemoryJsonState;
}

export interface ApiHarness {
  service: SwitchboardApiService;
  /** The API as `acme.consumer` gets it. */
  api: SwitchboardApiV1;
  settings: Record<string, unknown>;
  keys: KeyStore;
  question: ScriptedQuestion;
  consent: ConsentStore;
  ledger: UsageLedger;
  /** The usage by day and model the ledger also records into. */
  history: UsageHistory;
  state: MemoryJsonState;
  models: ModelService;
  log: RecordingLog;
  dispose(): void;
}

export function apiHarness(options: ApiHarnessOptions = {}): ApiHarness {
  const store = new DisposableStore();
  const settings: Record<string, unknown> = { ...options.settings };
  const env = options.env ?? {};
  const { config, log, keys, client, models } = shellModels({ settings, env }, store);
  store.add(keys.onDidChange(() => models.invalidate()));
  const state = options.state ?? new MemoryJsonState();
  const question = new ScriptedQuestion(options.answers);
  const consent = store.add(new ConsentStore(state, question.ask));
  const history = store.add(new UsageHistory(state));
  const ledger = store.add(new UsageLedger(state, { history }));
  const modelEvents = store.add(new ModelListEvents(models, listedForApi));
  const installed = new Set((options.installed ?? [consumerId, 'other.extension']).map((id) => id.toLowerCase()));
  const service = new SwitchboardApiService({
    enabled: () => readApiEnabled(settingsSource(settings)),
    config,
    consent,
    ledger,
    client,
    holdsKey: keyHolder(keys, env, config),
    endpointKey: endpointKeys(keys),
    listModels: async () => (await models.configuredGroups()).flatMap((group) => group.models),
    onDidChangeModels: modelEvents.onDidChange,
    isInstalled: (id) => installed.has(id.toLowerCase()),
    log,
  });
  return {
    service,
    api: service.getApi(1, { extensionId: consumerId }),
    settings,
    keys,
    question,
    consent,
    ledger,
    history,
    state,
    models,
    log,
    dispose: () => store.dispose(),
  };
}

/** The fields of an API error that callers branch on. */
export function errorShape(error: unknown): Record<string, unknown> {
  const record = error as Record<string, unknown>;
  return { name: record['name'], status_code: record['status_code'], llm_provider: record['llm_provider'], param: record['param'] };
}
