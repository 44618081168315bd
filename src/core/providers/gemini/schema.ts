/**
 * A JSON Schema (what OpenAI tools carry) cut down to the OpenAPI 3.0 subset Gemini's function
 * declarations accept (`Schema` in the v1beta reference). Gemini answers unknown keywords with a
 * 400, so everything outside the subset is dropped; `$ref`s are inlined, `type: [x, "null"]` and
 * `anyOf` with a null branch become `nullable`, `oneOf` becomes `anyOf`, `allOf` is merged,
 * `const` becomes a one-value enum.
 */

import type { JsonSchema } from '../../types';
import { asRecord } from '../../jsonValues';

/** Keywords Gemini's Schema has, copied as they are (after their values were converted). */
const keptKeywords: ReadonlySet<string> = new Set([
  'description',
  'nullable',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
  'example',
]);

/** The formats Gemini's API accepts per type; any other format is a 400, so it is dropped. */
const formatsByType: Readonly<Record<string, ReadonlySet<string>>> = {
  string: new Set(['enum', 'date-time']),
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};

/** How deep `$ref`s are followed before a recursive type is cut off as a plain object. */
const maxDepth = 16;

interface Context {
  definitions: Record<string, unknown>;
  /** `$ref`s being expanded on the current path, to stop recursive types. */
  expanding: Set<string>;
  depth: number;
}

function definitionsOf(root: Record<string, unknown>): Record<string, unknown> {
  return { ...asRecord(root['definitions']), ...asRecord(root['$defs']) };
}

/** `#/$defs/Name` or `#/definitions/Name` → the schema it names. */
function resolveRef(ref: string, context: Context): Record<string, unknown> | undefined {
  const slash = ref.lastIndexOf('/');
  if (!ref.startsWith('#/') || slash < 0) {
    return undefined;
  }
  const name = decodeURIComponent(ref.slice(slash + 1)).replace(/~1/g, '/').replace(/~0/g, '~');
  return asRecord(context.definitions[name]);
}

/** Merges `allOf` branches into one schema: properties and required lists are joined. */
function mergeAllOf(schema: Record<string, unknown>, branches: readonly unknown[]): Record<string, unknown> {
  const { allOf: _allOf, ...merged } = schema;
  for (const branch of branches) {
    const record = asRecord(branch);
    if (record === undefined) {
      continue;
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === 'properties') {
        merged['properties'] = { ...asRecord(merged['properties']), ...asRecord(value) };
      } else if (key === 'required' && Array.isArray(value)) {
        const required = Array.isArray(merged['required']) ? (merged['required'] as unknown[]) : [];
        merged['required'] = [...required, ...(value as unknown[]).filter((name) => !required.includes(name))];
      } else if (!(key in merged)) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function isNullSchema(value: unknown): boolean {
  return asRecord(value)?.['type'] === 'null';
}

function convert(value: unknown, context: Context): JsonSchema {
  let schema = asRecord(value);
  if (schema === undefined) {
    return {};
  }
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const target = resolveRef(ref, context);
    if (target === undefined || context.expanding.has(ref) || context.depth >= maxDepth) {
      // Gemini cannot express a recursive type: the recursion ends in an untyped object.
      return { type: 'object', ...(typeof schema['description'] === 'string' ? { description: schema['description'] } : {}) };
    }
    const { $ref: _ref, ...siblings } = schema;
    context.expanding.add(ref);
    context.depth++;
    const expanded = convert({ ...target, ...siblings }, context);
    context.depth--;
    context.expanding.delete(ref);
    return expanded;
  }
  if (Array.isArray(schema['allOf'])) {
    schema = mergeAllOf(schema, schema['allOf']);
  }
  const result: JsonSchema = {};
  let nullable = schema['nullable'] === true;

  // type: "string" | ["string", "null"] | ["string", "number"]
  let type: string | undefined;
  const rawType = schema['type'];
  if (typeof rawType === 'string') {
    type = rawType;
  } else if (Array.isArray(rawType)) {
    const types = rawType.filter((item): item is string => typeof item === 'string' && item !== 'null');
    nullable ||= types.length < rawType.length;
    if (types.length === 1) {
      type = types[0];
    } else if (types.length > 1) {
      const { type: _type, ...rest } = schema;
      result['anyOf'] = types.map((item) => convert({ ...rest, type: item }, context));
    }
  }
  if (type === 'null') {
    type = undefined;
    nullable = true;
  }
  if (type !== undefined) {
    result['type'] = type;
  }

  const union = Array.isArray(schema['anyOf']) ? schema['anyOf'] : Array.isArray(schema['oneOf']) ? schema['oneOf'] : undefined;
  if (union !== undefined && result['anyOf'] === undefined) {
    const branches = union.filter((branch) => !isNullSchema(branch));
    nullable ||= branches.length < union.length;
    if (branches.length === 1 && type === undefined) {
      // `anyOf: [X, {type: null}]` is just a nullable X.
      const single = convert(branches[0], context);
      Object.assign(result, single, typeof schema['description'] === 'string' ? { description: schema['description'] } : {});
    } else if (branches.length > 0) {
      result['anyOf'] = branches.map((branch) => convert(branch, context));
    }
  }

  const format = schema['format'];
  if (typeof format === 'string' && type !== undefined && formatsByType[type]?.has(format) === true) {
    result['format'] = format;
  }

  let values = Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : 'const' in schema ? [schema['const']] : undefined;
  if (values !== undefined) {
    nullable ||= values.includes(null);
    values = values.filter((item) => item !== null);
    // Gemini's enum is a list of strings; a numeric or mixed enum cannot be said, only described.
    if (values.length > 0 && values.every((item) => typeof item === 'string')) {
      result['enum'] = values;
    }
  }

  const properties = asRecord(schema['properties']);
  if (properties !== undefined && Object.keys(properties).length > 0) {
    const converted: Record<string, JsonSchema> = {};
    for (const [name, property] of Object.entries(properties)) {
      converted[name] = convert(property, context);
    }
    result['properties'] = converted;
    if (Array.isArray(schema['required'])) {
      // A required name without a property is a 400 at Gemini.
      const required = schema['required'].filter((name): name is string => typeof name === 'string' && name in converted);
      if (required.length > 0) {
        result['required'] = required;
      }
    }
  }

  const items = schema['items'];
  if (items !== undefined) {
    // Tuples (`items: [A, B]`) do not exist in Gemini's subset; the first element type is the closest.
    result['items'] = convert(Array.isArray(items) ? items[0] : items, context);
  }

  for (const key of keptKeywords) {
    if (key in schema && key !== 'nullable') {
      result[key] = schema[key];
    }
  }
  if (nullable) {
    result['nullable'] = true;
  }
  return result;
}

/** A JSON Schema in the subset Gemini's function declarations take. */
function toGeminiSchema(schema: JsonSchema): JsonSchema {
  return convert(schema, { definitions: definitionsOf(schema), expanding: new Set(), depth: 0 });
}

/**
 * A tool's `parameters` for Gemini, or undefined for a function without arguments: Gemini
 * rejects an object type with no properties.
 */
export function toGeminiParameters(parameters: JsonSchema | undefined): JsonSchema | undefined {
  if (parameters === undefined) {
    return undefined;
  }
  const converted = toGeminiSchema(parameters);
  if (converted['type'] === 'object' && converted['properties'] === undefined) {
    return undefined;
  }
  return converted;
}
