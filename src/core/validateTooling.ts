/**
 * Checks of a completion's structured options — `tools`, `tool_choice`, `response_format`,
 * `thinking` — down to the field inside that is wrong, so a caller reads `tool_choice.function.name`
 * rather than a provider's 400 about its own translation of them.
 */

import { describeValue, isRecord } from './jsonValues';
import { fail, object, type Fields } from './validateFields';

function tools(fields: Fields): void {
  const value = fields.values['tools'];
  if (value === undefined) {
    return;
  }
  const path = `${fields.prefix}tools`;
  if (!Array.isArray(value)) {
    fail(path, `expected an array of tools, got ${describeValue(value)}.`, fields.model);
  }
  value.forEach((tool: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(tool)) {
      fail(at, `expected a tool object, got ${describeValue(tool)}.`, fields.model);
    }
    const fn = tool['function'];
    if (!isRecord(fn) || typeof fn['name'] !== 'string' || fn['name'].length === 0) {
      fail(`${at}.function.name`, 'every tool needs a function with a name.', fields.model);
    }
    if (tool['type'] !== undefined && tool['type'] !== 'function') {
      fail(`${at}.type`, `the only kind of tool is 'function', got ${describeValue(tool['type'])}.`, fields.model);
    }
    if (fn['parameters'] !== undefined && !isRecord(fn['parameters'])) {
      fail(`${at}.function.parameters`, `expected a JSON Schema object, got ${describeValue(fn['parameters'])}.`, fields.model);
    }
  });
}

function toolChoice(fields: Fields): void {
  const value = fields.values['tool_choice'];
  const path = `${fields.prefix}tool_choice`;
  if (value === undefined || value === 'none' || value === 'auto' || value === 'required') {
    return;
  }
  if (!isRecord(value)) {
    fail(path, `expected 'none', 'auto', 'required' or { type: 'function', function: { name } }, got ${describeValue(value)}.`, fields.model);
  }
  if (value['type'] !== 'function') {
    fail(`${path}.type`, `expected 'function', got ${describeValue(value['type'])}.`, fields.model);
  }
  const fn = value['function'];
  if (!isRecord(fn) || typeof fn['name'] !== 'string' || fn['name'].length === 0) {
    fail(`${path}.function.name`, 'name the tool the model must call.', fields.model);
  }
}

function responseFormat(fields: Fields): void {
  const format = object(fields, 'response_format');
  if (format === undefined) {
    return;
  }
  const path = `${fields.prefix}response_format`;
  const type = format['type'];
  if (type !== 'text' && type !== 'json_object' && type !== 'json_schema') {
    fail(`${path}.type`, `expected 'text', 'json_object' or 'json_schema', got ${describeValue(type)}.`, fields.model);
  }
  if (type !== 'json_schema') {
    return;
  }
  const schema = format['json_schema'];
  if (!isRecord(schema)) {
    fail(`${path}.json_schema`, `expected { name, schema }, got ${describeValue(schema)}.`, fields.model);
  }
  if (schema['name'] !== undefined && typeof schema['name'] !== 'string') {
    fail(`${path}.json_schema.name`, `expected a string, got ${describeValue(schema['name'])}.`, fields.model);
  }
  if (schema['schema'] !== undefined && !isRecord(schema['schema'])) {
    fail(`${path}.json_schema.schema`, `expected a JSON Schema object, got ${describeValue(schema['schema'])}.`, fields.model);
  }
}

function thinking(fields: Fields): void {
  const value = object(fields, 'thinking');
  if (value === undefined) {
    return;
  }
  const path = `${fields.prefix}thinking`;
  if (value['type'] !== 'enabled' && value['type'] !== 'disabled') {
    fail(`${path}.type`, `expected 'enabled' or 'disabled', got ${describeValue(value['type'])}.`, fields.model);
  }
  const budget = value['budget_tokens'];
  if (value['type'] === 'enabled' && (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1)) {
    fail(`${path}.budget_tokens`, `expected a whole number of tokens, got ${typeof budget === 'number' ? String(budget) : describeValue(budget)}.`, fields.model);
  }
}

/** Tools, the tool choice, the response format and thinking of a completion or of one fallback. */
export function checkTooling(fields: Fields): void {
  tools(fields);
  toolChoice(fields);
  responseFormat(fields);
  thinking(fields);
}
