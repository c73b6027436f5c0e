import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/principals';

const principals = new WeakMap<IncomingMessage, Principal>();

/** The edge notes who signed a request before handing it to a service. */
export function rememberPrincipal(req: IncomingMessage, principal: Principal): void {
  principals.set(req, principal);
}

/** Who signed this request (verified by the edge); undefined for unsigned requests. */
export function principalOf(req: IncomingMessage): Principal | undefined {
  return principals.get(req);
}
