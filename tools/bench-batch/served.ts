import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as this process served it: [epoch ms at arrival, operation (path without /v1/), ms from arrival to the last byte written]. */
export type Served = [number, string, number];

/**
 * Records every HTTP request this process serves, whichever server serves it (the engine's own,
 * or the local stack's edge), through Node's `http.server.*` diagnostics channels.
 */
export function recordServed(): Served[] {
  const served: Served[] = [];
  const arrivals = new WeakMap<ServerResponse, [number, number]>();
  subscribe('http.server.request.start', (message) => {
    const { response } = message as { response: ServerResponse };
    arrivals.set(response, [Date.now(), performance.now()]);
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const arrival = arrivals.get(response);
    if (arrival) served.push([arrival[0], (request.url ?? '').replace(/^\/v1\//, ''), performance.now() - arrival[1]]);
  });
  return served;
}
