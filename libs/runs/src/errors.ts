/** No run by that id in the table (or the id cannot be one): the user's input, exit code 2 in the CLI. */
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}
