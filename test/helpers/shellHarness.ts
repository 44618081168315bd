/**
 * What the shell's client tests share: the extension's client (ConfiguredClient) and, where a test
 * needs it, its model service, built as the extension builds them over settings held in memory, a
 * key store in memory and a recording log; loopback servers beside them; all of it disposed or
 * closed after each test.
 */

import { afterEach } from 'mocha';
import type { Environment, ProviderDefinition, RetryPolicy } from '../../src/core';
import { formatMessage } from '../../src/shell/chat/localize';
import { ConfiguredClient } from '../../src/shell/configuredClient';
import { readConfig, type SwitchboardConfig } from '../../src/shell/config';
import { DisposableStore } from '../../src/shell/lifecycle';
import { ModelService } from '../../src/shell/models';
import { KeyStore } from '../../src/shell/secrets';
import { MemorySecrets, MemoryState, RecordingLog, settingsSource } from '../shell/shellFakes';
import { useHarness, type Harness } from './llmHarness';

export interface ShellClientOptions {
  /** `switchboard.*` settings, raw; read on every request, so a test may change them between requests. */
  settings?: Record<string, unknown>;
  /** VS Code's `http.*` settings, raw, read like `settings`. */
  http?: Record<string, unknown>;
  /** Empty unless given: the developer's own keys and base URLs must not reach a test. */
  env?: Environment;
  /** No retries unless given, so each case is one request; `undefined` gives the client's own. */
  retry?: Partial<RetryPolicy>;
  /** The extension's own providers (`vscode-lm`), on the client and on the model list. */
  providers?: readonly ProviderDefinition[];
  /** A fresh log unless given (a provider built before the client may write to the same one). */
  log?: RecordingLog;
}

export interface ShellClient {
  client: ConfiguredClient;
  keys: KeyStore;
  log: RecordingLog;
  config: () => SwitchboardConfig;
}

export interface ShellModels extends ShellClient {
  models: ModelService;
}

/** The client, its key store and its log; `store` takes what must be disposed. */
export function shellClient(options: ShellClientOptions, store: DisposableStore): ShellClient {
  const { settings = {}, http, env, retry, providers, log } = { env: {}, retry: { maxRetries: 0 }, log: new RecordingLog(), ...options };
  const config = (): SwitchboardConfig => readConfig(settingsSource(settings), http === undefined ? {} : { http: settingsSource(http) }).config;
  const keys = store.add(new KeyStore(new MemorySecrets()));
  const client = store.add(new ConfiguredClient({ config, keys, logger: log, env, retry, providers }));
  return { client, keys, log, config };
}

/** The client with the model service over it (lists time out after 2 s). */
export function shellModels(options: ShellClientOptions, store: DisposableStore): ShellModels {
  const env = options.env ?? {};
  const made = shellClient({ ...options, env }, store);
  const { config, keys, client, log } = made;
  const models = store.add(new ModelService({ config, keys, client, state: new MemoryState(), log, localize: formatMessage, env, listTimeoutSeconds: 2, providers: options.providers }));
  return { ...made, models };
}

export interface ShellHarness {
  server: Harness['server'];
  client(options?: ShellClientOptions): ShellClient;
  models(options?: ShellClientOptions): ShellModels;
}

/** Registers the afterEach hooks that dispose what the test built and close its servers; call inside a `describe`. */
export function useShellHarness(): ShellHarness {
  const wire = useHarness();
  const store = new DisposableStore();
  afterEach(() => store.clear());
  return {
    server: (respond, options) => wire.server(respond, options),
    client: (options = {}) => shellClient(options, store),
    models: (options = {}) => shellModels(options, store),
  };
}
