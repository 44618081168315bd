/**
 * Reading a message the webview posted, field by field, without trusting it: a plain object with
 * few own keys and none that pollutes a prototype, own data properties only (no getters), strings
 * of bounded length and form, real arrays, whole numbers in range, one of known values. Each
 * refusal throws a `Rejection` naming the field; `parseFromWebview` (guards.ts) turns it into
 * `{ ok: false }`.
 */

import { idPattern, protocolLimits } from './messages';

/** Own keys of one object: real messages have a handful; bounding them bounds the work per message. */
const maxKeys = 32;

/** Own keys that would pollute prototypes if a later step merged the object into another. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Thrown inside the parsers only; `parseFromWebview` turns it into `{ ok: false }`. */
export class Rejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Titles are one line of text a person typed: no control characters (C0, DEL, C1). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

export function reject(reason: string): never {
  throw new Rejection(reason);
}

export type Fields = object;

/** A plain object (not an array, class instance, or object with accessors or prototype-polluting keys). */
export function plainObject(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(`${what} is not an object`);
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    reject(`${what} is not a plain object`);
  }
  const keys = Reflect.ownKeys(value);
  if (keys.length > maxKeys) {
    reject(`${what} has too many keys`);
  }
  for (const key of keys) {
    if (typeof key === 'symbol') {
      reject(`${what} has a symbol key`);
    }
    if (forbiddenKeys.has(key)) {
      reject(`${what} has the forbidden key '${key}'`);
    }
  }
  return value;
}

/** An own data property: a getter could answer differently each time it is read, so it is refused. */
export function read(object: Fields, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (descriptor === undefined) {
    return undefined;
  }
  if (!('value' in descriptor)) {
    reject(`'${key}' is an accessor`);
  }
  return descriptor.value as unknown;
}

export function string(object: Fields, key: string, maxLength: number): string {
  const value = read(object, key);
  if (typeof value !== 'string') {
    reject(`'${key}' is not a string`);
  }
  if (value.length > maxLength) {
    reject(`'${key}' is longer than ${maxLength} characters`);
  }
  return value;
}

export function optionalString(object: Fields, key: string, maxLength: number): string | undefined {
  return read(object, key) === undefined ? undefined : string(object, key, maxLength);
}

export function matching(object: Fields, key: string, maxLength: number, pattern: RegExp): string {
  const value = string(object, key, maxLength);
  if (!pattern.test(value)) {
    reject(`'${key}' is not in the expected format`);
  }
  return value;
}

export function id(object: Fields, key: string): string {
  return matching(object, key, protocolLimits.idLength, idPattern);
}

export function optionalId(object: Fields, key: string): string | undefined {
  return read(object, key) === undefined ? undefined : id(object, key);
}


export function nonBlank(object: Fields, key: string, maxLength: number): string {
  const value = string(object, key, maxLength);
  if (value.trim().length === 0) {
    reject(`'${key}' is empty`);
  }
  return value;
}

export function title(object: Fields, key: string): string {
  const value = nonBlank(object, key, protocolLimits.titleLength);
  if (hasControlCharacter(value)) {
    reject(`'${key}' contains control characters`);
  }
  return value;
}

/** A real array (not array-like, not sparse beyond its elements' own checks), at most `maxLength` long. */
export function array(object: Fields, key: string, maxLength: number): unknown[] {
  const value = read(object, key);
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) {
    reject(`'${key}' is not an array`);
  }
  const length = (value as unknown[]).length;
  if (length > maxLength) {
    reject(`'${key}' has more than ${maxLength} items`);
  }
  const items: unknown[] = [];
  for (let index = 0; index < length; index++) {
    items.push(read(value as unknown[], String(index)));
  }
  return items;
}


/** A whole number from `min` to `max`. */
export function wholeNumber(object: Fields, key: string, min: number, max: number): number {
  const value = read(object, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    reject(`'${key}' is not a whole number from ${min} to ${max}`);
  }
  return value;
}

export function oneOf<T extends string>(object: Fields, key: string, known: ReadonlySet<string>): T {
  const value = read(object, key);
  if (typeof value !== 'string' || !known.has(value)) {
    reject(`'${key}' is not one of the known values`);
  }
  return value as T;
}
