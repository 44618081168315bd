/**
 * What an MCP tool call returned, as a `ToolOutput`: text stays text, images stay images, and the
 * rest (audio, resources, links to resources) becomes a readable note, a text resource with its
 * text. `structuredContent` is shown as JSON when the tool sent no text. The toolbox caps sizes.
 */

import type { CallToolResult, CompatibilityCallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContent, ToolOutput } from '../toolTypes';

function describedResource(uri: string, mimeType: string | undefined, what: string): string {
  return `[${what}: ${uri}${mimeType === undefined ? '' : ` (${mimeType})`}]`;
}

function contentOf(block: ContentBlock): ToolContent {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return { type: 'image', mimeType: block.mimeType, data: block.data };
    case 'audio':
      return { type: 'text', text: `[audio (${block.mimeType}), ${Math.round((block.data.length * 3) / 4)} bytes; not shown]` };
    case 'resource_link':
      return { type: 'text', text: describedResource(block.uri, block.mimeType, `a link to the resource ${block.name}`) };
    case 'resource': {
      const { resource } = block;
      if ('text' in resource && typeof resource.text === 'string') {
        return { type: 'text', text: `${describedResource(resource.uri, resource.mimeType, 'resource')}\n${resource.text}` };
      }
      return { type: 'text', text: describedResource(resource.uri, resource.mimeType, 'a binary resource, not shown') };
    }
  }
}

/** The call's result for the toolbox; a legacy (2024-10-07) `toolResult` is shown as JSON. */
export function toToolOutput(result: CallToolResult | CompatibilityCallToolResult): ToolOutput {
  if (!('content' in result) || !Array.isArray(result.content)) {
    const legacy = 'toolResult' in result ? result.toolResult : result;
    return { content: [{ type: 'text', text: JSON.stringify(legacy ?? null, null, 2) }], isError: false };
  }
  const callResult = result as CallToolResult;
  const content = callResult.content.map(contentOf);
  const hasText = content.some((part) => part.type === 'text' && part.text.length > 0);
  if (!hasText && callResult.structuredContent !== undefined) {
    content.push({ type: 'text', text: JSON.stringify(callResult.structuredContent, null, 2) });
  }
  return { content, isError: callResult.isError === true };
}
