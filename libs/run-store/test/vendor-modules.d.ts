// Minimal typings of the JavaScript-only servers the tests start.

declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  class S3rver {
    constructor(options?: {
      address?: string;
      port?: number;
      silent?: boolean;
      directory?: string;
      configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
    });
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
  export = S3rver;
}

declare module 'dynalite' {
  import type { Server } from 'node:http';
  function dynalite(options?: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }): Server;
  export = dynalite;
}
