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

/**
 * A module given as base64, compiled on first use; each call instantiates it over `memory` (its
 * one import, `frame.memory`) and returns the instance's exports.
 */
export function instantiatorOf(base64: string): (memory: WasmMemory) => Record<string, unknown> {
  let compiled: object | undefined;
  return (memory) => {
    compiled ??= new wasm.Module(Buffer.from(base64, 'base64'));
    return new wasm.Instance(compiled, { frame: { memory } }).exports;
  };
}
