/**
 * What the commands work with. Plain interfaces over the shell's parts, so each command file
 * names exactly what it touches.
 */

import type * as vscode from 'vscode';
import type { ConnectionReport } from '../../core';
import type { DraftView, ModelOption } from '../../protocol/messages';
import type { CustomEndpoint, SwitchboardConfig } from '../config';
import type { ModelServer } from '../modelAddress';
import type { KeyOwner } from '../secrets';

export interface CommandServices {
  /** The chat the commands act on: the one last used (the sidebar's or an editor tab's). */
  chat(): {
    newChat(): Promise<void>;
    /** Stops the answer of the conversation on screen, if one runs. */
    cancel(): void;
    /** Opens the view's history list. */
    showHistory(): void;
    /** Adds context to the draft, keeping what is already there. */
    appendToDraft(addition: DraftView): void;
  };
  models: {
    current(): string;
    options(): ModelOption[];
    select(model: string): Promise<void>;
    whenListed(): Promise<void>;
    isChosen(): boolean;
  };
  keys: {
    get(owner: KeyOwner): Promise<string | undefined>;
    set(owner: KeyOwner, key: string): Promise<void>;
    /** Forgets the key and cloud credentials. */
    clear(owner: KeyOwner): Promise<void>;
    clearKey(owner: KeyOwner): Promise<void>;
    setCloudCredentials(owner: KeyOwner, text: string): Promise<void>;
    clearCloudCredentials(owner: KeyOwner): Promise<void>;
    owners(): Promise<KeyOwner[]>;
  };
  config: () => SwitchboardConfig;
  /** Tests the connection to a provider or endpoint as its requests would make it. */
  client: {
    testConnection(target: ModelServer<CustomEndpoint>, signal: AbortSignal): Promise<ConnectionReport>;
  };
  log: vscode.LogOutputChannel;
  /** The team gateway's line on the member's key ("$12.40 spent of $50.00"), when one is set up and answers. */
  gatewayKeyNote(): Promise<string | undefined>;
  /** Shows and focuses the chat the commands act on. */
  revealChat(): Promise<void>;
  /** Opens a new chat in an editor tab. */
  openChatInEditor(): Promise<void>;
}
