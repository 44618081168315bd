/**
 * A language model this extension gives VS Code (vendor `switchboard-tests`), as Copilot gives
 * its own: Switchboard must offer it in its chat as `vscode-lm/switchboard-tests/echo`, never
 * through its API, and never back to VS Code under its own vendor. It answers
 * `echo: <the last user text>` in a few parts, so the chat shows it streamed.
 */

import * as vscode from 'vscode';
import { echoModel } from './plan';

function textOf(message: vscode.LanguageModelChatRequestMessage): string {
  return message.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

export function registerEchoModel(): vscode.Disposable {
  const information: vscode.LanguageModelChatInformation = {
    id: echoModel.id,
    name: echoModel.name,
    family: 'echo',
    version: '1',
    maxInputTokens: 8192,
    maxOutputTokens: 1024,
    capabilities: {},
  };
  return vscode.lm.registerLanguageModelChatProvider(echoModel.vendor, {
    provideLanguageModelChatInformation: () => [information],
    provideLanguageModelChatResponse: async (_model, messages, _options, progress, token) => {
      const lastUser = [...messages].reverse().find((message) => message.role === vscode.LanguageModelChatMessageRole.User);
      for (const piece of echoModel.reply(lastUser === undefined ? '' : textOf(lastUser)).split(/(?<= )/)) {
        if (token.isCancellationRequested) {
          return;
        }
        progress.report(new vscode.LanguageModelTextPart(piece));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    // A test model: a word count is all the chat needs to size its context.
    provideTokenCount: async (_model, text) => (typeof text === 'string' ? text : textOf(text)).split(/\s+/).filter(Boolean).length,
  });
}
