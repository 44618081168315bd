/**
 * `response_format` on Anthropic, as LiteLLM does it: a tool whose input schema is the wanted
 * JSON, which the model is made to call; the call's input then becomes the answer's text.
 */

import type { ResponseFormat } from '../../types';
import type { WireBlock } from './messages';

/** LiteLLM's name for the tool, so answers look the same through either library. */
export const jsonToolName = 'json_tool_call';

/** The tool that carries `format`, or undefined when no JSON was asked for. */
export function jsonModeTool(format: ResponseFormat | undefined): WireBlock | undefined {
  if (format === undefined || format.type === 'text') {
    return undefined;
  }
  if (format.type === 'json_object') {
    // Any object: Anthropic rejects a schema without `properties`, so an empty one is given.
    return { name: jsonToolName, input_schema: { type: 'object', properties: {}, additionalProperties: true } };
  }
  const tool: WireBlock = { name: jsonToolName, input_schema: format.json_schema.schema ?? { type: 'object', properties: {}, additionalProperties: true } };
  if (format.json_schema.description !== undefined) {
    tool['description'] = format.json_schema.description;
  }
  return tool;
}
