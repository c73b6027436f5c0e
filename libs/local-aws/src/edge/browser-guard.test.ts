import type { IncomingMessage } from 'node:http';
import { BrowserGuardError, checkBrowserSafety, checkContentType } from './browser-guard';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers } as unknown as IncomingMessage);
const local = { port: 4566, exposed: false };

describe('browser guard', () => {
  it('answers loopback names with the stack port only', () => {
    for (const host of ['127.0.0.1:4566', 'localhost:4566', '[::1]:4566', 'bucket.localhost:4566']) expect(() => checkBrowserSafety(request({ host }), local)).not.toThrow();
    for (const host of ['evil.example:4566', '127.0.0.1:80', '127.0.0.1', '10.0.0.5:4566']) expect(() => checkBrowserSafety(request({ host }), local)).toThrow(BrowserGuardError);
    expect(() => checkBrowserSafety(request({ host: '10.0.0.5:4566' }), { port: 4566, exposed: true })).not.toThrow();
    expect(() => checkBrowserSafety(request({ host: 'rebound.example:4566' }), { port: 4566, exposed: true })).toThrow(BrowserGuardError);
  });

  it('refuses any Origin but its own, and cross-site fetches', () => {
    expect(() => checkBrowserSafety(request({ host: '127.0.0.1:4566', origin: 'http://127.0.0.1:4566' }), local)).not.toThrow();
    expect(() => checkBrowserSafety(request({ host: '127.0.0.1:4566', origin: 'http://evil.example' }), local)).toThrow('Requests from web pages are refused');
    expect(() => checkBrowserSafety(request({ host: '127.0.0.1:4566', origin: 'null' }), local)).toThrow(BrowserGuardError);
    expect(() => checkBrowserSafety(request({ host: '127.0.0.1:4566', 'sec-fetch-site': 'cross-site' }), local)).toThrow(BrowserGuardError);
  });

  it('requires the JSON protocols\' content types for a body', () => {
    expect(() => checkContentType(request({ 'content-length': '2', 'content-type': 'text/plain' }), 'batch')).toThrow('application/json');
    expect(() => checkContentType(request({ 'content-length': '2', 'content-type': 'application/json; charset=utf-8' }), 'batch')).not.toThrow();
    expect(() => checkContentType(request({ 'content-length': '2', 'content-type': 'application/json' }), 'dynamodb')).toThrow('application/x-amz-json-1.0');
    expect(() => checkContentType(request({ 'content-length': '2', 'content-type': 'application/x-amz-json-1.1' }), 'logs')).not.toThrow();
    expect(() => checkContentType(request({ 'content-length': '0' }), 'batch')).not.toThrow();
    expect(() => checkContentType(request({ 'content-length': '5', 'content-type': 'text/plain' }), 's3')).not.toThrow();
  });
});
