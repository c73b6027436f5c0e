/** An error the REST API returns to the client as `x-amzn-errortype: <name>` with `{message}`. */
export class BatchApiError extends Error {
  constructor(
    override readonly name: string,
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bad input or a request that is not allowed in the resource's current state (HTTP 400). */
export class ClientException extends BatchApiError {
  constructor(message: string) {
    super('ClientException', 400, message);
  }
}

/** A fault of the engine itself (HTTP 500). */
export class ServerException extends BatchApiError {
  constructor(message: string) {
    super('ServerException', 500, message);
  }
}

export class UnknownOperationException extends BatchApiError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', 404, `The local Batch engine has no operation ${method} ${path}`);
  }
}

/** Throttling (HTTP 429); the SDKs retry it with backoff. */
export class TooManyRequestsException extends BatchApiError {
  constructor(message: string) {
    super('TooManyRequestsException', 429, message);
  }
}
