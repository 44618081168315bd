/**
 * The command ids, as package.json contributes them (others rely on these names). Apart from
 * the registration in `commands.ts`, so plain-Node tests can check them against package.json.
 */

export const commandIds = {
  openChat: 'switchboard.openChat',
  /** A new chat in an editor tab. */
  openChatInEditor: 'switchboard.openChatInEditor',
  newChat: 'switchboard.newChat',
  selectModel: 'switchboard.selectModel',
  setApiKey: 'switchboard.setApiKey',
  clearApiKey: 'switchboard.clearApiKey',
  askAboutSelection: 'switchboard.askAboutSelection',
  showLogs: 'switchboard.showLogs',
  manageExtensionAccess: 'switchboard.manageExtensionAccess',
  /** Tokens and cost per day, model and caller, in a panel. */
  showUsage: 'switchboard.showUsage',
  testConnection: 'switchboard.testConnection',
  /** The multi-step setup of a provider or custom endpoint (also VS Code's model manager's way in, via Manage Providers). */
  addProvider: 'switchboard.addProvider',
  manageProviders: 'switchboard.manageProviders',
  /** For other extensions' `executeCommand` (hidden from the palette). */
  completion: 'switchboard.completion',
  embedding: 'switchboard.embedding',
  importMcpServers: 'switchboard.importMcpServers',
  setMcpSecret: 'switchboard.setMcpSecret',
  clearMcpSecret: 'switchboard.clearMcpSecret',
  /** The diff editor's title actions while a proposed change is under review. */
  showHistory: 'switchboard.showHistory',
  /** Stops the answer that is running (Escape in the chat does the same). */
  stop: 'switchboard.stop',
  acceptProposal: 'switchboard.acceptProposal',
  rejectProposal: 'switchboard.rejectProposal',
} as const;

/** In the order package.json lists them. */
export const commandIdList: readonly string[] = Object.values(commandIds);
