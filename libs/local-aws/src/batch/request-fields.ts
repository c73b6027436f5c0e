import { ClientException } from './errors';

/** A parsed JSON request body. Readers below turn wrong types into ClientExceptions. */
export type Body = Record<string, unknown>;

const typeName = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

export function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ClientException(`${key} must be a string, got ${typeName(value)}`);
  return value;
}

export function requiredString(body: Body, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value.length === 0) throw new ClientException(`${key} is required`);
  return value;
}

export function optionalNumber(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ClientException(`${key} must be a number, got ${typeName(value)}`);
  return value;
}

export function optionalInteger(body: Body, key: string): number | undefined {
  const value = optionalNumber(body, key);
  if (value !== undefined && !Number.isInteger(value)) throw new ClientException(`${key} must be an integer, got ${value}`);
  return value;
}

export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ClientException(`${key} must be a boolean, got ${typeName(value)}`);
  return value;
}

export function optionalObject(body: Body, key: string): Body | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ClientException(`${key} must be an object, got ${typeName(value)}`);
  return value as Body;
}

export function optionalArray(body: Body, key: string): unknown[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ClientException(`${key} must be a list, got ${typeName(value)}`);
  return value;
}

export function optionalObjectList(body: Body, key: string): Body[] | undefined {
  const list = optionalArray(body, key);
  list?.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ClientException(`${key}[${i}] must be an object, got ${typeName(item)}`);
  });
  return list as Body[] | undefined;
}

export function optionalStringList(body: Body, key: string): string[] | undefined {
  const list = optionalArray(body, key);
  list?.forEach((item, i) => {
    if (typeof item !== 'string') throw new ClientException(`${key}[${i}] must be a string, got ${typeName(item)}`);
  });
  return list as string[] | undefined;
}

export function optionalStringMap(body: Body, key: string): Record<string, string> | undefined {
  const map = optionalObject(body, key);
  if (!map) return undefined;
  for (const [name, value] of Object.entries(map)) {
    if (typeof value !== 'string') throw new ClientException(`${key}.${name} must be a string, got ${typeName(value)}`);
  }
  return map as Record<string, string>;
}

export function oneOf<T extends string>(value: string | undefined, key: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new ClientException(`${key} must be one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
}
