/** The part of WebAssembly used here: its types come with lib.dom, and this project's lib is ES2022 alone. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}

export const wasm = (globalThis as unknown as {
  WebAssembly: {
    Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  };
}).WebAssembly;
