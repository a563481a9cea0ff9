/**
 * Loads Docent's hand-written WebAssembly kernels (`.wat` files shipped as their bytes). The repo's
 * `lib` has no WebAssembly types (no DOM lib, and @types/node leaves them out): the little used
 * here is declared once.
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

/** Bytes in a WebAssembly page: a memory grows by whole pages. */
export const WASM_PAGE = 65_536;

/** A kernel's exported memory. */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

const compiled = new WeakMap<Uint8Array, object>();

/** A new instance of the module in `bytes` (compiled once per byte array), its exports as `Exports`. */
export const instantiateKernel = <Exports>(bytes: Uint8Array): Exports => {
  let module = compiled.get(bytes);
  if (module === undefined) {
    module = new WebAssembly.Module(bytes);
    compiled.set(bytes, module);
  }
  return new WebAssembly.Instance(module).exports as Exports;
};
