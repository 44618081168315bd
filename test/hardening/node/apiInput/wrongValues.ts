/**
 * Wrong values by the kind of field they are given to, so invalid parameters are generated from a
 * description of the fields rather than listed by hand: every field gets every value of a kind it
 * is not (and, for numbers and names, the values of its kind it still refuses).
 */

export type FieldKind =
  | 'string'
  | 'boolean'
  | 'number'
  /** A whole number of at least 1 (`max_tokens`, `n`, `dimensions`). */
  | 'count'
  /** A whole number of at least 0 (`num_retries`, `top_logprobs`). */
  | 'nonNegativeInteger'
  | 'object'
  | 'array'
  | { oneOf: readonly string[] };

/** One invalid input: what it is, the value, and the field its error must name. */
export interface InvalidCase {
  label: string;
  params: unknown;
  param: string;
}

const notString = [5, true, null, [], {}];
const notBoolean = ['yes', 1, null, [], {}];
const notNumber = ['1', true, null, [], {}, Number.NaN, Number.POSITIVE_INFINITY];

export function describeValue(value: unknown): string {
  if (typeof value === 'number') {
    return String(value);
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** The values a field of this kind must refuse. */
function wrongValues(kind: FieldKind): unknown[] {
  switch (kind) {
    case 'string':
      return notString;
    case 'boolean':
      return notBoolean;
    case 'number':
      return notNumber;
    case 'count':
      return [...notNumber, 0, -1, 1.5];
    case 'nonNegativeInteger':
      return [...notNumber, -1, 2.5];
    case 'object':
      return ['x', 5, true, null, []];
    case 'array':
      return ['x', 5, true, null, {}];
    default:
      return [...notString, 'no-such-value', `${kind.oneOf[0] ?? ''}!`];
  }
}

/** One case per wrong value of `kind`: `make` puts the value in place, and the error must name `param`. */
export function casesFor(param: string, kind: FieldKind, make: (value: unknown) => unknown): InvalidCase[] {
  return wrongValues(kind).map((value) => ({ label: `${param} = ${describeValue(value)}`, params: make(value), param }));
}

/** The per-call options completions and embeddings share (LiteLLM's names), with their kinds. */
export const callOptionFields: Record<string, FieldKind> = {
  api_base: 'string',
  api_key: 'string',
  api_version: 'string',
  extra_headers: 'object',
  extra_body: 'object',
  timeout: 'number',
  num_retries: 'nonNegativeInteger',
  proxy: 'string',
  vertex_project: 'string',
  vertex_location: 'string',
  vertex_credentials: 'string',
  aws_access_key_id: 'string',
  aws_secret_access_key: 'string',
  aws_session_token: 'string',
  aws_region_name: 'string',
  aws_bedrock_runtime_endpoint: 'string',
};
