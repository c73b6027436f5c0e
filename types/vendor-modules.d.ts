// Minimal typings of the JavaScript-only servers the local stack embeds (s3rver, dynalite).
// Every project tsconfig includes this folder, so a project that reaches them through an import sees them too.

declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    serviceEndpoint?: string;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }
  class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** The object store; replaceable before run(). */
    store: unknown;
    context: { store: unknown };
    /** Koa's middleware, in order; composed by run() or callback(). */
    middleware: Array<{ name: string }>;
    /** Koa's request handler over the middleware, as an HTTP server would call it. */
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
    /** The winston logger run() leaves to its server's close. */
    logger: { close(): void };
  }
  export = S3rver;
}

declare module 's3rver/lib/stores/filesystem' {
  class FilesystemStore {
    constructor(rootDirectory: string);
    rootDirectory: string;
    getBucketPath(bucketName: string): string;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    getBucket(bucket: string): Promise<unknown>;
    putBucket(bucket: string): Promise<unknown>;
    getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<unknown>;
    getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
    initiateUpload(bucket: string, key: string, uploadId: string, metadata: unknown): Promise<void>;
    putObjectMultipart(bucket: string, uploadId: string, parts: unknown[]): Promise<unknown>;
  }
  export = FilesystemStore;
}

declare module 's3rver/lib/models/object' {
  class S3Object {
    static ALLOWED_METADATA: string[];
    constructor(bucket: string, key: string, content: unknown, metadata: Record<string, unknown>);
  }
  export = S3Object;
}

declare module 's3rver/lib/models/account' {
  class AWSAccount {
    static registry: Map<string, AWSAccount>;
    static DUMMY_ACCOUNT: AWSAccount;
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }
  export = AWSAccount;
}

declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
