import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Dag, InvalidDagError, parseDag } from '@framefarm/batch-client';
import type * as Yaml from 'yaml';
import { UsageError } from '../errors';

/** Reads a workflow file (`.json`, else YAML) and validates it; every problem names the file. */
export async function readWorkflowFile(file: string): Promise<Dag> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`Cannot read workflow file ${file}: ${why}.`);
  }
  let data: unknown;
  try {
    // The YAML parser (72 files) is required when a workflow file needs it, not on every start of the CLI.
    data = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : (require('yaml') as typeof Yaml).parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid ${path.extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  try {
    return parseDag(data);
  } catch (error) {
    if (error instanceof InvalidDagError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}
