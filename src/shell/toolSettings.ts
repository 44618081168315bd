/**
 * The tools' settings (`switchboard.tools.*`), read and checked like every other setting: a
 * malformed value is left out and said in `problems`, never thrown. The MCP servers
 * (`switchboard.mcpServers`) are read by `tools/mcp/mcpConfig.ts`.
 */

import { readBooleanSetting, type ConfigurationSource } from './configFields';

export interface ToolSettings {
  /** Tools are offered to models at all. */
  enabled: boolean;
  /** The built-in read-only workspace tools run without asking. */
  autoApproveReadOnly: boolean;
  /** Rounds of tool calls in one answer before the chat stops and offers "Continue". */
  maxRounds: number;
  /** Seconds one tool call may take; then it is cancelled and its result says so. */
  timeoutSeconds: number;
}

export const toolSettingNames = {
  enabled: 'tools.enabled',
  autoApproveReadOnly: 'tools.autoApproveReadOnly',
  maxRounds: 'tools.maxRounds',
  timeoutSeconds: 'tools.timeout',
} as const;

/** The settings as package.json declares their defaults (for a chat built without VS Code, in tests). */
export const defaultToolSettings: ToolSettings = Object.freeze({ enabled: true, autoApproveReadOnly: true, maxRounds: 25, timeoutSeconds: 60 });

function readWhole(source: ConfigurationSource, name: string, range: { min: number; max: number; fallback: number }, problems: string[]): number {
  const value = source.get<unknown>(name);
  if (value === undefined) {
    return range.fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    problems.push(`switchboard.${name} is not a whole number from ${range.min} to ${range.max}; ${range.fallback} is used.`);
    return range.fallback;
  }
  return value;
}

export function readToolSettings(source: ConfigurationSource, problems: string[]): ToolSettings {
  return {
    enabled: readBooleanSetting(source, toolSettingNames.enabled, defaultToolSettings.enabled, problems),
    autoApproveReadOnly: readBooleanSetting(source, toolSettingNames.autoApproveReadOnly, defaultToolSettings.autoApproveReadOnly, problems),
    maxRounds: readWhole(source, toolSettingNames.maxRounds, { min: 1, max: 200, fallback: defaultToolSettings.maxRounds }, problems),
    timeoutSeconds: readWhole(source, toolSettingNames.timeoutSeconds, { min: 1, max: 3600, fallback: defaultToolSettings.timeoutSeconds }, problems),
  };
}
