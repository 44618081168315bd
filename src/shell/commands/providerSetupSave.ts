/**
 * Performs what `providerSetupWrites` decided: the user's (global) settings through VS Code's
 * configuration, the key through the key store — settings first, so a new key is never sent to the
 * previous URL. What the flow changed is remembered the first time it changes it, so a flow the
 * user cancels after saving (a failed connection test, then Cancel) puts everything back.
 */

import * as vscode from 'vscode';
import { configurationSection, settingNames } from '../config';
import type { KeyOwner } from '../secrets';
import type { Removal, SettingName, SetupWrites, UserValues } from './providerSetupWrites';
import type { CommandServices } from './services';

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(configurationSection);
}

/** The user's own values of the settings the flows write (never a workspace's). */
export function userValues(): UserValues {
  const settings = configuration();
  return {
    providers: settings.inspect(settingNames.providers)?.globalValue,
    customEndpoints: settings.inspect(settingNames.customEndpoints)?.globalValue,
  };
}

async function writeSetting(setting: SettingName, value: unknown): Promise<void> {
  await configuration().update(settingNames[setting], value, vscode.ConfigurationTarget.Global);
}

/** The settings and keys as they were before the flow first changed them. */
export class SetupSnapshot {
  private readonly settings = new Map<SettingName, unknown>();
  private readonly keys = new Map<KeyOwner, string | undefined>();

  constructor(private readonly services: CommandServices) {}

  get changedAnything(): boolean {
    return this.settings.size > 0 || this.keys.size > 0;
  }

  private rememberSetting(setting: SettingName, user: UserValues): void {
    if (!this.settings.has(setting)) {
      this.settings.set(setting, user[setting]);
    }
  }

  private async rememberKey(owner: KeyOwner): Promise<void> {
    if (!this.keys.has(owner)) {
      this.keys.set(owner, await this.services.keys.get(owner));
    }
  }

  /** Writes the settings, then the key; remembers first what it changes. */
  async apply(plan: SetupWrites, user: UserValues): Promise<void> {
    for (const write of plan.writes) {
      this.rememberSetting(write.setting, user);
      await writeSetting(write.setting, write.value);
    }
    const key = plan.key;
    if (key.kind === 'set') {
      await this.rememberKey(key.owner);
      await this.services.keys.set(key.owner, key.key);
      if (key.forget !== undefined) {
        await this.rememberKey(key.forget);
        await this.services.keys.clearKey(key.forget);
      }
    } else if (key.kind === 'move') {
      const moved = await this.services.keys.get(key.from);
      if (moved !== undefined) {
        await this.rememberKey(key.from);
        await this.rememberKey(key.to);
        await this.services.keys.set(key.to, moved);
        await this.services.keys.clearKey(key.from);
      }
    }
  }

  /** Puts back every setting and key the flow changed. */
  async restore(): Promise<void> {
    for (const [setting, value] of this.settings) {
      await writeSetting(setting, value);
    }
    for (const [owner, key] of this.keys) {
      await (key === undefined ? this.services.keys.clearKey(owner) : this.services.keys.set(owner, key));
    }
    this.settings.clear();
    this.keys.clear();
  }
}

/** Removes a provider's or endpoint's settings, then its key and credentials. */
export async function applyRemoval(services: CommandServices, removal: Removal): Promise<void> {
  for (const write of removal.writes) {
    await writeSetting(write.setting, write.value);
  }
  await services.keys.clear(removal.owner);
}
