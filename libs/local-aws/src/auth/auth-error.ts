/** Why a request was not authenticated; the edge turns it into each protocol's own error. */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-key'
  | 'invalid-token'
  | 'expired-token'
  | 'bad-signature'
  | 'clock-skew'
  | 'presign-expired'
  | 'body-mismatch';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly failure: AuthFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What a local user can do about a refused signature. */
export const CREDENTIALS_HINT =
  'The local stack accepts only the credentials it issued: run `eval "$(npx framefarm env)"` to use them (or role credentials from `aws sts assume-role`).';
