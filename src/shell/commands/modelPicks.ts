/**
 * The model options as quick pick rows: a separator per provider (or custom endpoint), each model
 * with its description (context window, prices) and a check on the current one. Plain values, so
 * the grouping is tested without VS Code.
 */

import type { ModelOption } from '../../protocol/messages';
import type { Localize } from '../chat/localize';

export type ModelPick = { kind: 'separator'; label: string } | { kind: 'model'; id: string; label: string; description: string; detail?: string; picked: boolean };

/**
 * Rows grouped by provider in the options' order; `onlyProvider` keeps one group (after a key was
 * set); `notes` adds a group's line to the detail of each of its rows (the gateway key's spend),
 * by group label.
 */
export function modelPicks(options: readonly ModelOption[], current: string, localize: Localize, onlyProvider?: string, notes: Readonly<Record<string, string>> = {}): ModelPick[] {
  const groups = new Map<string, ModelOption[]>();
  for (const option of options) {
    if (onlyProvider !== undefined && option.provider !== onlyProvider && option.id !== current) {
      continue;
    }
    const group = groups.get(option.provider) ?? [];
    group.push(option);
    groups.set(option.provider, group);
  }
  const picks: ModelPick[] = [];
  for (const [provider, models] of groups) {
    const note = notes[provider];
    picks.push({ kind: 'separator', label: provider });
    for (const model of models) {
      const facts = [model.id, model.description, model.supportsVision === true ? localize('images') : undefined].filter((fact): fact is string => fact !== undefined);
      const pick: ModelPick = { kind: 'model', id: model.id, label: model.label, description: facts.join(' · '), picked: model.id === current };
      // The group's note goes on each of its rows: a filtered picker hides separators.
      const detail = [model.id === current ? localize('current model') : undefined, note].filter((part): part is string => part !== undefined);
      if (detail.length > 0) {
        pick.detail = detail.join(' · ');
      }
      picks.push(pick);
    }
  }
  return picks;
}
