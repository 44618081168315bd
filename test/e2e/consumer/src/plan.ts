/**
 * What the consumer test extension and the end-to-end scenario agree on: the commands, the
 * setting that names the results folder, the models and prompts the consumer sends (the loopback
 * server picks its answer by prompt), and the shape of the results file. Free of `vscode`, so the
 * scenario (plain Node) imports it too.
 */

export const consumerExtensionId = 'switchboard-tests.consumer';
/** The id `runAsOther` names itself with: a second caller, to be refused (test/e2e/consumer/other, installed, no code). */
export const otherExtensionId = 'switchboard-tests.other';

export const consumerCommands = {
  run: 'switchboardConsumer.run',
  runAsOther: 'switchboardConsumer.runAsOther',
  runLanguageModel: 'switchboardConsumer.runLanguageModel',
  runOneCall: 'switchboardConsumer.runOneCall',
  runKeyCalls: 'switchboardConsumer.runKeyCalls',
  applySettings: 'switchboardConsumer.applySettings',
} as const;

export type ConsumerCommand = (typeof consumerCommands)[keyof typeof consumerCommands];

/** The palette titles of the commands (`Category: Title`, as package.json declares them). */
export const consumerCommandTitles: Record<ConsumerCommand, string> = {
  [consumerCommands.run]: 'Switchboard Consumer: Run the API Calls',
  [consumerCommands.runAsOther]: 'Switchboard Consumer: Run as Another Extension',
  [consumerCommands.runLanguageModel]: 'Switchboard Consumer: Run Through vscode.lm',
  [consumerCommands.runOneCall]: 'Switchboard Consumer: Run One Call',
  [consumerCommands.runKeyCalls]: 'Switchboard Consumer: Run the Key Calls',
  [consumerCommands.applySettings]: 'Switchboard Consumer: Apply Settings',
};

/**
 * What `applySettings` applies, in the results folder: `{ "section.name": value | null }` (null
 * removes the setting). Through VS Code's configuration API, as the Settings editor does, so the
 * change reaches every extension; a file edited behind the workbench's back may not be re-read.
 */
export const settingsToApplyFileName = 'settings-to-apply.json';

export const resultsFolderSetting = { section: 'switchboardConsumer', key: 'resultsFolder' } as const;

export const chatModel = 'openai/gpt-4o-mini';
export const embeddingModel = 'openai/text-embedding-3-small';

/** The language model the consumer gives VS Code, for Switchboard's `vscode-lm` provider to find. */
export const echoModel = {
  vendor: 'switchboard-tests',
  id: 'echo',
  name: 'Echo (test)',
  /** How Switchboard names it: `vscode-lm/<vendor>/<model id>`. */
  switchboardId: 'vscode-lm/switchboard-tests/echo',
  reply: (text: string): string => `echo: ${text}`,
} as const;

/** One prompt per call, so the server can answer each call with its own script. */
export const prompts = {
  nonStream: 'e2e non-stream: what is the weather like in San Francisco?',
  stream: 'e2e stream: what is the weather like in San Francisco?',
  cancelledByToken: 'e2e cancel by token: count slowly',
  cancelledBySignal: 'e2e cancel by signal: count slowly',
  ownKey: 'e2e own key: what is the weather like in San Francisco?',
  command: 'e2e command: what is the weather like in San Francisco?',
  refused: 'e2e refused: this must never reach the server',
  revoked: 'e2e revoked: this must never reach the server either',
  languageModel: 'e2e vscode.lm: what is the weather like in San Francisco?',
  /** The hardening suite's key scenario (runKeyCalls): answered, streamed, and refused with a 401 that echoes the key. */
  keysCompletion: 'keys: a completion through the API',
  keysStream: 'keys: a stream through the API',
  keysUnauthorized: 'keys: a completion the provider refuses (401)',
} as const;

export const embeddingInput = ['hello', 'world'];

/** The consumer's own key, sent with its own `api_base`: the server must see it instead of the user's. */
export const consumerOwnKey = 'sk-consumer-own-key';

/** The consumer cancels a slow stream once it has received this many chunks with text. */
export const textChunksBeforeCancel = 5;

/** An error as another extension sees it: what it can tell errors apart by. */
export interface ErrorSeen {
  instanceOfError: boolean;
  name: string;
  message: string;
  status_code?: unknown;
  llm_provider?: unknown;
  param?: unknown;
}

export type StepResult = { value: unknown } | { error: ErrorSeen };

/** The results file: every step's value or error, in the order they ran. */
export interface ConsumerReport {
  command: ConsumerCommand;
  /** The id the consumer named itself with in `getApi(1, { extensionId })`. */
  callerId: string;
  steps: Record<string, StepResult>;
  /** False while the steps still run (the file is rewritten after each one). */
  finished: boolean;
}

/** `<folder>/<command>.json` */
export function resultsFileName(command: ConsumerCommand): string {
  return `${command}.json`;
}
