/**
 * The webview's one string bundle. Every text the chat shows goes through `t`, so a translation is
 * one more bundle keyed by the language VS Code runs in (`<html lang>`, set by the host), with
 * English as the fallback for any key a translation lacks.
 */

const english = {
  message: 'Message',
  messagePlaceholder: 'Ask anything. Enter sends, Shift+Enter adds a line.',
  send: 'Send',
  stop: 'Stop',
  newChat: 'New chat',
  regenerate: 'Regenerate',
  edit: 'Edit',
  editMessage: 'Edit message',
  saveAndResend: 'Save and resend',
  cancel: 'Cancel',
  history: 'History',
  conversation: 'Conversation',
  historyEmpty: 'No saved conversations yet.',
  rename: 'Rename',
  renameConversation: 'Conversation title',
  save: 'Save',
  delete: 'Delete',
  confirmDelete: 'Delete "{title}"?',
  export: 'Export to Markdown',
  messageCount: '{count} messages',
  model: 'Model',
  attachActiveFile: 'Attach active file',
  removeAttachment: 'Remove {name}',
  attachments: 'Attachments',
  visionWarning: '{model} may not accept images: they will be left out.',
  you: 'You',
  assistant: 'Assistant',
  thinking: 'Thinking',
  toolCall: 'Tool call: {name}',
  stopped: 'Stopped',
  streaming: 'Answering…',
  copy: 'Copy',
  insert: 'Insert at cursor',
  newFile: 'Open in new file',
  codeBlock: 'Code block',
  showEarlier: 'Show earlier messages ({count} hidden)',
  emptyChat: 'Start a conversation: ask about your code, paste an image or attach the active file.',
  tokens: '{count} tokens',
  tokensInOut: '{prompt} in · {completion} out',
  reasoningTokens: '{count} reasoning',
  cachedTokens: '{count} cached',
  totals: 'Conversation: {usage}',
  answerDone: 'Answer: {text}',
  answerStopped: 'Answer stopped: {text}',
  answerFailed: 'Error: {text}',
  action_setApiKey: 'Set API Key',
  action_selectModel: 'Select Model',
  action_retry: 'Retry',
  action_showLogs: 'Show Logs',
  action_openSettings: 'Open Settings',
  action_testConnection: 'Test Connection',
  pastedImage: 'pasted image {n}',
  imageTooLarge: '{name} is too large to attach.',
  attachmentsTooMany: 'A message can carry at most {max} attachments. Remove one to add another.',
  attachmentsTooManyToSend: 'A message can carry at most {max} attachments, and this one has {count}. Remove some, then send again.',
  attachmentsTooLarge: "A message's attachments can add up to at most {max} MB, and these come to {total} MB. Remove some, then send again.",
  attachmentTooLarge: "{name} was not attached: a message's attachments can add up to at most {max} MB.",
};

export type StringKey = keyof typeof english;

/** Bundles by language tag; a Map, so a tag like `constructor` finds nothing rather than Object's own. */
const bundles: ReadonlyMap<string, Partial<Record<StringKey, string>>> = new Map([['en', english]]);

function bundleFor(lang: string): Partial<Record<StringKey, string>> {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  return bundles.get(lang.toLowerCase()) ?? bundles.get(base) ?? english;
}

/** The string for `key` in the page's language, with `{name}` placeholders filled from `values`. */
export function t(key: StringKey, values: Record<string, string | number> = {}): string {
  const template = bundleFor(document.documentElement.lang || 'en')[key] ?? english[key];
  // Own values only: `{constructor}` in a translated string must not print Object's constructor.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
