/** A CloudWatch Logs error as the awsJson1.1 protocol reports it: `{"__type": name, "message": …}`, HTTP 400. */
export class LogsApiError extends Error {
  constructor(
    readonly type:
      | 'ResourceNotFoundException'
      | 'ResourceAlreadyExistsException'
      | 'InvalidParameterException'
      | 'InvalidSequenceTokenException'
      | 'UnknownOperationException'
      | 'SerializationException',
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
  override readonly name = 'LogsApiError';
}

export const groupNotFound = (): LogsApiError => new LogsApiError('ResourceNotFoundException', 'The specified log group does not exist.');
export const streamNotFound = (): LogsApiError => new LogsApiError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const invalidParameter = (message: string): LogsApiError => new LogsApiError('InvalidParameterException', message);
