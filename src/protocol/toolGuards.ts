/**
 * The door's parsers for the tools' messages (`tools/*`, `chat/continue`): a tool source's id and a
 * tool's name are printable text without control characters, a decision one of the three buttons.
 * The host acts only on ids and names it listed; these checks bound what reaches that lookup.
 */

import { hasControlCharacter, id, nonBlank, oneOf, read, reject, type Fields } from './guardReaders';
import { protocolLimits, type FromWebview } from './messages';
import { toolDecisions, type ToolDecision } from './toolViews';

const decisions: ReadonlySet<string> = new Set<string>(toolDecisions);

function toolText(fields: Fields, key: string): string {
  const value = nonBlank(fields, key, protocolLimits.toolNameLength);
  if (hasControlCharacter(value)) {
    reject(`'${key}' contains control characters`);
  }
  return value;
}

function enabledFlag(fields: Fields): boolean {
  const enabled = read(fields, 'enabled');
  if (typeof enabled !== 'boolean') {
    reject("'enabled' is not true or false");
  }
  return enabled;
}

type ToolMessageType = 'tools/approve' | 'tools/toggle' | 'tools/revoke' | 'tools/refresh' | 'chat/continue';

export const toolParsers: { [K in ToolMessageType]: (fields: Fields) => Extract<FromWebview, { type: K }> } = {
  'tools/approve': (fields) => ({
    type: 'tools/approve',
    requestId: id(fields, 'requestId'),
    callId: toolText(fields, 'callId'),
    decision: oneOf<ToolDecision>(fields, 'decision', decisions),
  }),
  'tools/toggle': (fields) => {
    const sourceId = toolText(fields, 'sourceId');
    const enabled = enabledFlag(fields);
    return read(fields, 'tool') === undefined ? { type: 'tools/toggle', sourceId, enabled } : { type: 'tools/toggle', sourceId, tool: toolText(fields, 'tool'), enabled };
  },
  'tools/revoke': (fields) => ({ type: 'tools/revoke', sourceId: toolText(fields, 'sourceId'), tool: toolText(fields, 'tool') }),
  'tools/refresh': () => ({ type: 'tools/refresh' }),
  'chat/continue': (fields) => ({ type: 'chat/continue', requestId: id(fields, 'requestId'), messageId: id(fields, 'messageId') }),
};
