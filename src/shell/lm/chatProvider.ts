/**
 * Switchboard's models in VS Code: the `switchboard` vendor of `vscode.lm`, so VS Code and every
 * extension using `vscode.lm.selectChatModels({ vendor: 'switchboard' })` can use the models the
 * user set up here — with Switchboard's keys, which never leave it.
 *
 * The mapping is in vscode-free modules (`requestMessages`, `requestOptions`, `responseParts`,
 * `vendorModels`, `errorMapping`, `tokenCount`); this file wires them to VS Code's classes.
 */

import * as vscode from 'vscode';
import type { CompletionParams, CompletionStream } from '../../core';
import type { Localize } from '../chat/localize';
import type { CallTarget } from '../configuredClient';
import { errorText } from '../errorText';
import type { Event } from '../event';
import { Disposable } from '../lifecycle';
import type { ModelGroup } from '../modelOptions';
import { vendorErrorOf } from './errorMapping';
import type { LmLog } from './lmParts';
import { isOfferedToVsCode } from './modelIds';
import { reportResponse } from './responseParts';
import type { TokenCounter } from './tokenCount';
import { vendorModels, type VendorModelInformation } from './vendorModels';
import { vendorCompletionParams } from './vendorRequest';
import { fromVscodeMessage, toVscodeResponsePart } from './vscodeParts';

export interface ChatProviderDeps {
  models: { configuredGroups(): Promise<readonly ModelGroup[]>; readonly onDidChange: Event<void> };
  /** The extension's client: where a model's requests go, and the call (stored keys, settings). */
  client: {
    target(model: string): Promise<CallTarget>;
    completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>;
  };
  tokens: TokenCounter;
  log: LmLog & { warn(message: string): void };
  localize: Localize;
  /** `switchboard.languageModels.enabled`, read per call: off, the vendor offers nothing and answers nothing. */
  enabled: () => boolean;
}

function toolModeOf(mode: vscode.LanguageModelChatToolMode): 'auto' | 'required' {
  return mode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto';
}

function toVscodeError(error: unknown): Error {
  const mapped = vendorErrorOf(error);
  switch (mapped.kind) {
    case 'NoPermissions':
      return vscode.LanguageModelError.NoPermissions(mapped.message);
    case 'NotFound':
      return vscode.LanguageModelError.NotFound(mapped.message);
    case 'Blocked':
      return vscode.LanguageModelError.Blocked(mapped.message);
    case undefined: {
      const plain = new Error(mapped.message);
      plain.name = mapped.name;
      return plain;
    }
  }
}

export class SwitchboardChatProvider extends Disposable implements vscode.LanguageModelChatProvider<VendorModelInformation> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation: vscode.Event<void> = this.changed.event;
  /** What VS Code was last given, to tell it only of real changes (it asks again on each one). */
  private lastOffered: string | undefined;

  constructor(private readonly deps: ChatProviderDeps) {
    super();
    this._register(
      deps.models.onDidChange(() => {
        this.checkForChanges().catch((error: unknown) => deps.log.warn(`vscode.lm: checking Switchboard's models for changes failed: ${errorText(error, 'named')}`));
      }),
    );
  }

  /** The switch changed: VS Code asks for the models again (and gets none, or all). */
  enabledChanged(): void {
    this.lastOffered = undefined;
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(): Promise<VendorModelInformation[]> {
    const offered = await this.offeredNow();
    this.lastOffered = JSON.stringify(offered);
    return offered;
  }

  async provideLanguageModelChatResponse(
    model: VendorModelInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (!this.deps.enabled()) {
      // A caller that kept a model object from before the switch was turned off.
      throw vscode.LanguageModelError.NoPermissions("Switchboard's models are not offered to VS Code (the user's setting switchboard.languageModels.enabled is false).");
    }
    if (!isOfferedToVsCode(model.id)) {
      throw vscode.LanguageModelError.NotFound(`Switchboard does not offer ${model.id} to VS Code.`);
    }
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested) {
      controller.abort();
    }
    try {
      const params = vendorCompletionParams(
        {
          vision: model.capabilities.imageInput,
          messages: messages.map(fromVscodeMessage),
          tools: options.tools,
          toolMode: toolModeOf(options.toolMode),
          modelOptions: options.modelOptions,
          target: await this.deps.client.target(model.id),
          signal: controller.signal,
        },
        this.deps.log,
      );
      const stream = await this.deps.client.completion(params);
      await reportResponse(stream, (part) => progress.report(toVscodeResponsePart(part)), controller.signal);
    } catch (error) {
      if (controller.signal.aborted) {
        // Cancelled by the caller: nothing failed.
        return;
      }
      const mapped = toVscodeError(error);
      this.deps.log.warn(`vscode.lm: the request to ${model.id} failed: ${mapped.name}: ${mapped.message}`);
      throw mapped;
    } finally {
      cancellation.dispose();
    }
  }

  async provideTokenCount(_model: VendorModelInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return this.deps.tokens.count(typeof text === 'string' ? text : fromVscodeMessage(text));
  }

  /** The models VS Code may see now: none while the switch is off. */
  private async offeredNow(): Promise<VendorModelInformation[]> {
    return this.deps.enabled() ? vendorModels(await this.deps.models.configuredGroups(), this.deps.localize) : [];
  }

  private async checkForChanges(): Promise<void> {
    if (this.lastOffered === undefined) {
      // VS Code has not asked yet; when it does, it gets the list as it is then.
      return;
    }
    const offered = JSON.stringify(await this.offeredNow());
    if (offered !== this.lastOffered) {
      this.lastOffered = offered;
      this.changed.fire();
    }
  }
}
