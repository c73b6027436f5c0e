/** DynamoDB's limit on nested attribute values (documents: 32 levels). */
export const MAX_NESTING_LEVELS = 32;
/** JSON levels a request may have: two per attribute level (`{"M": {"name": {…}}}`) plus the request's own. */
const MAX_JSON_DEPTH = 2 * MAX_NESTING_LEVELS + 8;
/** DynamoDB's largest request (BatchWriteItem: 16 MB). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export interface DynamoDbRequestError {
  status: number;
  type: string;
  message: string;
}

/** Deepest nesting of objects and arrays in a JSON text, without parsing it (so no recursion). */
export function jsonDepth(text: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * What DynamoDB answers before looking at the operation: a body that is not a JSON object
 * (`null`, an array, a number) or nests past 32 attribute levels. dynalite crashes on the first
 * and recurses without bound on the second, so the service refuses them here.
 */
export function checkRequestBody(body: Buffer): DynamoDbRequestError | undefined {
  if (body.length > MAX_REQUEST_BYTES) {
    return { status: 413, type: 'com.amazon.coral.service#RequestEntityTooLarge', message: `Request size exceeds ${MAX_REQUEST_BYTES} bytes` };
  }
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    return { status: 400, type: 'com.amazon.coral.validate#ValidationException', message: 'Nesting Levels have exceeded supported limits' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, type: 'com.amazon.coral.service#SerializationException', message: 'Start of structure or map found where not expected.' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { status: 400, type: 'com.amazon.coral.validate#ValidationException', message: 'The request body must be a JSON object.' };
  }
  return undefined;
}
