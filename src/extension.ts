/**
 * The extension's entry point: composes the shell around the core and the chat, registering every
 * disposable with the context where it is born. Activation is fast: no network and no HTTP stack
 * (the core loads undici on its first request); the model list and the first-run Ollama probe run
 * later, off this path.
 */

import * as vscode from 'vscode';
import type { SwitchboardExports } from '../api';
import { registerApi } from './shell/api/registerApi';
import { RequestPreparer } from './shell/requestPreparer';
import type { ChatController } from './shell/chat/controller';
import { RegisteredChats } from './shell/chat/registerChats';
import { chatUsageLog } from './shell/usage/chatUsage';
import { UsageHistory } from './shell/usage/usageHistory';
import { UsagePanel } from './shell/usage/usagePanel';
import { FileConversationStore } from './shell/chat/conversationStore';
import { hostEnvironment } from './shell/chat/hostEnvironment';
import { commandIds } from './shell/commandIds';
import { registerCommands } from './shell/commands';
import { selectModel } from './shell/commands/selectModel';
import type { CommandServices } from './shell/commands/services';
import { addProvider } from './shell/commands/addProvider';
import { setApiKey } from './shell/commands/setApiKey';
import { gatewayKeyNote } from './shell/gatewayKey';
import { ProposalReview } from './shell/apply/proposalReview';
import { connectionTargetOfModel } from './shell/commands/connectionTargets';
import { testConnection } from './shell/commands/testConnection';
import { ConfiguredClient } from './shell/configuredClient';
import { configurationSection, readConfig, readLanguageModelsEnabled, settingNames, type SwitchboardConfig } from './shell/config';
import { errorText } from './shell/errorText';
import { bannerFor, chooseStartModel } from './shell/firstRun';
import { ModelService } from './shell/models';
import { registerLanguageModels, vscodeLmProviderDefinition } from './shell/lm/registration';
import { TokenCounter } from './shell/lm/tokenCount';
import { VscodeInstructionFiles } from './shell/instructions/vscodeInstructionFiles';
import { createContextSources } from './shell/context/createContextSources';
import { KeyStore } from './shell/secrets';
import { ModelStatusBar } from './shell/statusBar';
import { importMcpServers } from './shell/commands/importMcpServers';
import { clearMcpSecret, setMcpSecret } from './shell/commands/mcpSecretCommands';
import { ChainedToolSources } from './shell/tools/chainedSources';
import { McpSecretStore } from './shell/tools/mcp/mcpSecrets';
import { createVscodeMcpServers } from './shell/tools/mcp/vscodeMcpServers';
import { Toolbox } from './shell/tools/toolbox';
import { ToolPreferences } from './shell/tools/toolPreferences';
import { VscodeToolSource } from './shell/tools/vscodeTools';
import { WorkspaceToolSource } from './shell/tools/workspace/workspaceToolSource';

export function activate(context: vscode.ExtensionContext): SwitchboardExports {
  const subscriptions = context.subscriptions;
  const log = vscode.window.createOutputChannel('Switchboard', { log: true });
  subscriptions.push(log);
  const localize = vscode.l10n.t;

  // VS Code's own `http.*` (proxy, NO_PROXY, proxy certificates) join Switchboard's settings.
  const readSettings = (): ReturnType<typeof readConfig> => readConfig(vscode.workspace.getConfiguration(configurationSection), { http: vscode.workspace.getConfiguration('http') });
  const config = (): SwitchboardConfig => readSettings().config;
  const reportSettingProblems = (): void => {
    for (const problem of readSettings().problems) {
      log.warn(`Settings: ${problem}`);
    }
  };
  reportSettingProblems();

  const keys = new KeyStore(context.secrets);
  subscriptions.push(keys);
  // VS Code's language models (Copilot's among them) as the chat's `vscode-lm` provider (src/shell/lm).
  const vscodeLm = vscodeLmProviderDefinition(log, localize);
  const client = new ConfiguredClient({ config, keys, logger: log, providers: [vscodeLm] });
  subscriptions.push(client);
  const models = new ModelService({ config, keys, client, state: context.globalState, log, localize, providers: [vscodeLm] });
  subscriptions.push(models);
  // The first request's HTTP stack and pool, made ready when a request is likely soon (the chat
  // view is ready, the user types, an extension obtains the API): never here, never on the host's path.
  const preparer = new RequestPreparer({ client, model: () => models.current() });
  subscriptions.push(preparer);
  const prepareRequest = (): void => preparer.soon();

  const store = new FileConversationStore({ directory: vscode.Uri.joinPath(context.globalStorageUri, 'conversations').fsPath, log });
  // Disposed with the window: the summary index file, written now and then, is written once more.
  subscriptions.push(store);
  const env = hostEnvironment(localize, (message) => void vscode.window.showWarningMessage(message));
  // One tokenizer for the chat's gauge and VS Code's token counts; it loads on the first count, never here.
  const tokens = new TokenCounter();
  const instructionFiles = new VscodeInstructionFiles({ log, useInstructionFiles: () => config().chat.useInstructionFiles });
  subscriptions.push(instructionFiles);
  // The context picker's sources start at activation: the terminal recorder must hear a command from its start.
  const contextSources = createContextSources({ tokens, log });
  subscriptions.push(contextSources);
  // Tools (src/shell/tools): the workspace's read-only tools, the user's MCP servers (each started on
  // first use, stopped with the window) and VS Code's tools. Nothing starts here.
  const version = (context.extension.packageJSON as { version: string }).version;
  const mcpSecrets = new McpSecretStore(context.secrets);
  const mcpServers = createVscodeMcpServers({ log, secrets: mcpSecrets, clientVersion: version });
  const toolSources = new ChainedToolSources([new WorkspaceToolSource({ host: contextSources.workspaceToolHost, log }), mcpServers.list, new VscodeToolSource()]);
  const toolSettings = (): SwitchboardConfig['tools'] => config().tools;
  const toolbox = new Toolbox({ sources: toolSources, preferences: new ToolPreferences(context.globalState), settings: toolSettings, log });
  subscriptions.push(mcpSecrets, mcpServers, toolSources, toolbox);
  const gatewayNote = (): Promise<string | undefined> => gatewayKeyNote({ client, config, env: process.env, localize, log });
  // Proposed changes to the user's files, reviewed in the diff editor (src/shell/apply).
  const proposals = new ProposalReview({ newId: () => env.newId(), log });
  // Usage by day, model and caller (src/shell/usage): the chat and the API record into it; Show Usage draws it.
  const usageHistory = new UsageHistory(context.globalState);
  const usagePanel = new UsagePanel(context.extensionUri, usageHistory);
  subscriptions.push(usageHistory, usagePanel, vscode.commands.registerCommand(commandIds.showUsage, () => usagePanel.show()));
  // The window's chats (src/shell/chat/registerChats.ts): the sidebar's and one per editor tab.
  // Commands act on the chat last used; `services` reads it on each call.
  const chats = new RegisteredChats({
    extensionUri: context.extensionUri,
    showCommand: commandIds.openChat,
    shared: {
      controller: { client, usage: chatUsageLog(usageHistory, log), store, models, log, env, settings: () => config().chat, instructions: instructionFiles, context: contextSources, tokens, tools: { toolbox, settings: toolSettings } },
      proposals,
      config,
      log,
      newId: () => env.newId(),
      prepareRequest,
      actions: {
        addProvider: () => addProvider(services),
        setApiKey: (owner) => setApiKey(services, owner),
        selectModel: () => selectModel(services),
        testConnection: (model) => testConnection(services, connectionTargetOfModel(config(), model)),
        showLogs: async () => log.show(),
        openSettings: async () => {
          await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`);
        },
      },
    },
  });
  subscriptions.push(chats);
  const eachController = (tell: (controller: ChatController) => void): void => chats.forEach((chat) => tell(chat.controller));
  subscriptions.push(instructionFiles.onDidChange(() => eachController((controller) => controller.requestContextChanged())));
  const services: CommandServices = {
    chat: () => chats.active().controller,
    models,
    keys,
    config,
    client,
    log,
    revealChat: () => chats.active().surface.reveal(),
    openChatInEditor: async () => {
      chats.openInEditor();
    },
    gatewayKeyNote: gatewayNote,
  };

  subscriptions.push(...registerCommands(services));
  subscriptions.push(
    vscode.commands.registerCommand(commandIds.setMcpSecret, () => setMcpSecret(mcpSecrets, log)),
    vscode.commands.registerCommand(commandIds.clearMcpSecret, () => clearMcpSecret(mcpSecrets, log)),
    vscode.commands.registerCommand(commandIds.importMcpServers, () => importMcpServers(context, mcpSecrets, log)),
  );
  subscriptions.push(new ModelStatusBar(models, commandIds.selectModel));

  subscriptions.push(proposals.onDidChange((review) => eachController((controller) => controller.setReview(review))));
  const resourceOf = (value: unknown): vscode.Uri | undefined => (value instanceof vscode.Uri ? value : undefined);
  subscriptions.push(
    proposals,
    vscode.commands.registerCommand(commandIds.acceptProposal, (resource?: unknown) => proposals.decide('accept', resourceOf(resource))),
    vscode.commands.registerCommand(commandIds.rejectProposal, (resource?: unknown) => proposals.decide('reject', resourceOf(resource))),
  );

  // ── VS Code's language-model API (src/shell/lm): the configured models as the `switchboard` vendor. ──
  const languageModelsEnabled = (): boolean => readLanguageModelsEnabled(vscode.workspace.getConfiguration(configurationSection));
  subscriptions.push(...registerLanguageModels({ models, client, log, localize, enabled: languageModelsEnabled, tokens }));

  // ── The public API for other extensions (src/shell/api): getApi(1), the switchboard.completion and
  // switchboard.embedding commands, consent and "Manage Extension Access". Returned below. ──
  const api = registerApi({ context, client, models, keys, config, log, gatewayKeyNote: gatewayNote, prepareRequest, history: usageHistory });
  subscriptions.push(api);

  const updateBanner = (): void => eachController((controller) => controller.setBanner(bannerFor(models.current(), localize)));
  updateBanner();
  subscriptions.push(
    models.onDidChange(() => {
      eachController((controller) => controller.modelsChanged());
      updateBanner();
    }),
  );
  subscriptions.push(keys.onDidChange(() => models.invalidate()));
  const settingsChanged = async (event: vscode.ConfigurationChangeEvent): Promise<void> => {
    if (event.affectsConfiguration('http') && !event.affectsConfiguration(configurationSection)) {
      // The next request reads the proxy settings anyway; a malformed one is worth a line in the log.
      reportSettingProblems();
      return;
    }
    if (!event.affectsConfiguration(configurationSection)) {
      return;
    }
    reportSettingProblems();
    if (event.affectsConfiguration(`${configurationSection}.${settingNames.useInstructionFiles}`)) {
      instructionFiles.settingChanged();
    }
    if (event.affectsConfiguration(`${configurationSection}.chat`) || event.affectsConfiguration(`${configurationSection}.${settingNames.modelDefaults}`)) {
      eachController((controller) => controller.requestContextChanged());
    }
    if (event.affectsConfiguration(`${configurationSection}.tools`)) {
      eachController((controller) => {
        controller.tools.changed();
        controller.requestContextChanged();
      });
    }
    if (event.affectsConfiguration(`${configurationSection}.${settingNames.defaultModel}`)) {
      await models.defaultModelChanged();
    }
    models.invalidate();
  };
  subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      settingsChanged(event).catch((error: unknown) => log.error(`Applying changed settings failed: ${errorText(error, 'named')}`));
    }),
  );

  // First run, after activation: with no model chosen, a local Ollama server's model beats the mock.
  const firstRun = setTimeout(() => {
    if (models.isChosen()) {
      return;
    }
    chooseStartModel((options) => client.listModels('ollama', options)).then(
      (start) => {
        models.setFallback(start.model);
        log.info(start.source === 'ollama' ? `No model chosen: using ${start.model} from the local Ollama server.` : `No model chosen and no local Ollama server: the offline ${start.model} answers until a key is set or a model selected.`);
      },
      (error: unknown) => log.error(`The first-run check failed: ${errorText(error, 'named')}`),
    );
  }, 0);
  subscriptions.push({ dispose: () => clearTimeout(firstRun) });

  log.info(`Switchboard ${version}`);
  log.info('Switchboard activated');
  return api.exports;
}

export function deactivate(): void {
  // Everything is registered on the context's subscriptions, which VS Code disposes.
}
