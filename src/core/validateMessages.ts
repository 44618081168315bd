/**
 * Checks of a completion's `messages`: each message's role, its content for that role (a string,
 * or parts of the kinds the role may hold), a tool message's id, and an assistant's tool calls —
 * each failure naming the field by its path (`messages[2].tool_calls[0].function.arguments`).
 */

import { describeValue, isRecord } from './jsonValues';
import { fail } from './validateFields';

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const partTypes = new Set(['text', 'image_url', 'file']);
const imageDetails = new Set(['auto', 'low', 'high']);

function checkPart(part: unknown, path: string, role: string, model: unknown): void {
  if (!isRecord(part) || typeof part['type'] !== 'string') {
    fail(path, 'expected a content part with a string `type`.', model);
  }
  const type = part['type'];
  if (!partTypes.has(type)) {
    fail(`${path}.type`, `expected 'text', 'image_url' or 'file', got ${describeValue(type)}.`, model);
  }
  if (type === 'text' && typeof part['text'] !== 'string') {
    fail(`${path}.text`, `expected a string, got ${describeValue(part['text'])}.`, model);
  }
  if (type === 'image_url') {
    const image = part['image_url'];
    const url = isRecord(image) ? image['url'] : image;
    if (typeof url !== 'string' || url.length === 0) {
      fail(`${path}.image_url.url`, 'expected an http(s) or data: URL.', model);
    }
    const detail = isRecord(image) ? image['detail'] : undefined;
    if (detail !== undefined && (typeof detail !== 'string' || !imageDetails.has(detail))) {
      fail(`${path}.image_url.detail`, `expected 'auto', 'low' or 'high', got ${describeValue(detail)}.`, model);
    }
  }
  if (role !== 'user' && type !== 'text') {
    fail(`${path}.type`, `a ${role} message may only hold text parts, got '${type}'.`, model);
  }
}

function checkContent(content: unknown, path: string, role: string, model: unknown): void {
  if (typeof content === 'string') {
    return;
  }
  if (content === null || content === undefined) {
    if (role === 'assistant') {
      return;
    }
    fail(path, `a ${role} message needs content.`, model);
  }
  if (!Array.isArray(content)) {
    fail(path, `expected a string or an array of content parts, got ${describeValue(content)}.`, model);
  }
  content.forEach((part: unknown, index) => checkPart(part, `${path}[${index}]`, role, model));
}

/** An assistant's tool calls, as a later turn of a tool loop sends them back. */
function checkToolCalls(calls: unknown, path: string, model: unknown): void {
  if (!Array.isArray(calls)) {
    fail(path, `expected an array of tool calls, got ${describeValue(calls)}.`, model);
  }
  calls.forEach((call: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(call)) {
      fail(at, `expected a tool call object, got ${describeValue(call)}.`, model);
    }
    if (typeof call['id'] !== 'string' || call['id'].length === 0) {
      fail(`${at}.id`, 'a tool call needs the id its result answers.', model);
    }
    if (call['type'] !== undefined && call['type'] !== 'function') {
      fail(`${at}.type`, `expected 'function', got ${describeValue(call['type'])}.`, model);
    }
    const fn = call['function'];
    if (!isRecord(fn)) {
      fail(`${at}.function`, `expected { name, arguments }, got ${describeValue(fn)}.`, model);
    }
    if (typeof fn['name'] !== 'string' || fn['name'].length === 0) {
      fail(`${at}.function.name`, `expected the tool's name, got ${describeValue(fn['name'])}.`, model);
    }
    if (typeof fn['arguments'] !== 'string') {
      fail(`${at}.function.arguments`, `expected the arguments as JSON text, got ${describeValue(fn['arguments'])}.`, model);
    }
  });
}

/** Checks `messages`: a non-empty array of well-formed messages. */
export function checkMessages(messages: unknown, model: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    fail('messages', `expected a non-empty array of messages, got ${Array.isArray(messages) ? 'an empty array' : describeValue(messages)}.`, model);
  }
  messages.forEach((message: unknown, index) => {
    const path = `messages[${index}]`;
    if (!isRecord(message)) {
      fail(path, `expected a message object, got ${describeValue(message)}.`, model);
    }
    const role = message['role'];
    if (typeof role !== 'string' || !roles.has(role)) {
      fail(`${path}.role`, `expected one of system, developer, user, assistant, tool; got ${describeValue(role)}.`, model);
    }
    const toolCalls = message['tool_calls'];
    if (role === 'assistant' && toolCalls !== undefined) {
      checkToolCalls(toolCalls, `${path}.tool_calls`, model);
    }
    const hasToolCalls = Array.isArray(toolCalls) && toolCalls.length > 0;
    if (!(role === 'assistant' && hasToolCalls && (message['content'] === undefined || message['content'] === null))) {
      checkContent(message['content'], `${path}.content`, role, model);
    }
    if (role === 'tool' && typeof message['tool_call_id'] !== 'string') {
      fail(`${path}.tool_call_id`, 'a tool message needs the id of the call it answers.', model);
    }
  });
}
