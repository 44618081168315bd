/**
 * The chat's settings (`switchboard.chat.*` and `switchboard.modelDefaults`), read and checked like
 * every other setting: anything malformed is left out and said in `problems`, never thrown.
 */

import { isRecord } from '../core';
import { reasoningLevels, type ModelSettings, type ReasoningLevel } from '../protocol/requestViews';
import { readBooleanSetting, type ConfigurationSource } from './configFields';

/** What the chat does when the next request would not fit the model's window. */
export type LongChatMode = 'summarize' | 'drop' | 'off';

export type TitleMode = 'model' | 'firstLine';

export interface ChatSettings {
  /** `switchboard.chat.instructions`, trimmed; undefined when empty. */
  instructions: string | undefined;
  useInstructionFiles: boolean;
  /** Keyed by `provider/model` or `provider/*`. */
  modelDefaults: Record<string, ModelSettings>;
  longChats: LongChatMode;
  promptCaching: boolean;
  titles: TitleMode;
}

export const chatSettingNames = {
  instructions: 'chat.instructions',
  useInstructionFiles: 'chat.useInstructionFiles',
  modelDefaults: 'modelDefaults',
  longChats: 'chat.longChats',
  promptCaching: 'chat.promptCaching',
  titles: 'chat.titles',
} as const;

const longChatModes: readonly LongChatMode[] = ['summarize', 'drop', 'off'];
const titleModes: readonly TitleMode[] = ['model', 'firstLine'];
const modelKeyPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/\S.*$/;

function readChoice<T extends string>(source: ConfigurationSource, name: string, choices: readonly T[], problems: string[]): T {
  const value = source.get<unknown>(name);
  const [fallback] = choices as [T];
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    problems.push(`switchboard.${name} is not one of ${choices.join(', ')}; ${fallback} is used.`);
    return fallback;
  }
  return value as T;
}

/** One entry of `switchboard.modelDefaults`: its well-formed fields. */
export function readModelSettings(value: unknown, where: string, problems: string[]): ModelSettings {
  const settings: ModelSettings = {};
  if (!isRecord(value)) {
    problems.push(`${where} is not an object; ignored.`);
    return settings;
  }
  const { reasoning, temperature, maxTokens } = value;
  if (typeof reasoning === 'string' && (reasoningLevels as readonly string[]).includes(reasoning)) {
    settings.reasoning = reasoning as ReasoningLevel;
  } else if (reasoning !== undefined) {
    problems.push(`${where}.reasoning is not one of ${reasoningLevels.join(', ')}; ignored.`);
  }
  if (typeof temperature === 'number' && temperature >= 0 && temperature <= 2) {
    settings.temperature = temperature;
  } else if (temperature !== undefined) {
    problems.push(`${where}.temperature is not a number from 0 to 2; ignored.`);
  }
  if (typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0) {
    settings.maxTokens = maxTokens;
  } else if (maxTokens !== undefined) {
    problems.push(`${where}.maxTokens is not a positive whole number; ignored.`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'reasoning' && key !== 'temperature' && key !== 'maxTokens') {
      problems.push(`${where}.${key} is not a model setting; ignored.`);
    }
  }
  return settings;
}

function readModelDefaults(value: unknown, problems: string[]): Record<string, ModelSettings> {
  const defaults: Record<string, ModelSettings> = {};
  if (value === undefined) {
    return defaults;
  }
  if (!isRecord(value)) {
    problems.push('switchboard.modelDefaults is not an object keyed by provider/model; ignored.');
    return defaults;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (!modelKeyPattern.test(key)) {
      problems.push(`switchboard.modelDefaults: '${key}' is neither provider/model nor provider/*; ignored.`);
      continue;
    }
    defaults[key] = readModelSettings(entry, `switchboard.modelDefaults.${key}`, problems);
  }
  return defaults;
}

export function readChatSettings(source: ConfigurationSource, problems: string[]): ChatSettings {
  const instructions = source.get<unknown>(chatSettingNames.instructions);
  if (instructions !== undefined && typeof instructions !== 'string') {
    problems.push('switchboard.chat.instructions is not text; ignored.');
  }
  return {
    instructions: typeof instructions === 'string' && instructions.trim().length > 0 ? instructions.trim() : undefined,
    useInstructionFiles: readBooleanSetting(source, chatSettingNames.useInstructionFiles, true, problems),
    modelDefaults: readModelDefaults(source.get<unknown>(chatSettingNames.modelDefaults), problems),
    longChats: readChoice(source, chatSettingNames.longChats, longChatModes, problems),
    promptCaching: readBooleanSetting(source, chatSettingNames.promptCaching, true, problems),
    titles: readChoice(source, chatSettingNames.titles, titleModes, problems),
  };
}

/**
 * The defaults for `model` (`provider/model`): the `provider/*` entry, with the exact model's entry
 * over it field by field.
 */
export function modelDefaultsFor(defaults: Readonly<Record<string, ModelSettings>>, model: string): ModelSettings {
  const slash = model.indexOf('/');
  const pattern = slash > 0 ? `${model.slice(0, slash)}/*` : undefined;
  const own = (key: string | undefined): ModelSettings | undefined => (key !== undefined && Object.hasOwn(defaults, key) ? defaults[key] : undefined);
  return { ...own(pattern), ...own(model) };
}

/** The settings as package.json declares their defaults (for a chat built without VS Code, in tests). */
export const defaultChatSettings: ChatSettings = Object.freeze({
  instructions: undefined,
  useInstructionFiles: true,
  modelDefaults: Object.freeze({}),
  longChats: 'summarize',
  promptCaching: true,
  titles: 'model',
});
