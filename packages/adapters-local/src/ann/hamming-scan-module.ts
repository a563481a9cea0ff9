/**
 * hamming-scan.wat compiled by `wabt` (hamming-scan.test.ts compiles it again and compares), kept
 * as bytes so that running Docent needs no compiler.
 */
export const HAMMING_SCAN_WASM = Buffer.from(
  'AGFzbQEAAAABCgFgBn9/f39/fwADAgEABQYBAQGAgAQHEQIGbWVtb3J5AgAEc2NhbgAACr0BAboBAwN/AXsCfyACQQR0IQcgACABIAdsaiEGAkADQCAAIAZPDQH9DAAAAAAAAAAAAAAAAAAAAAAhCUEAIQgDQCAJIAAgCGr9AAQAIAMgCGr9AAQA/VH9Yv1uIQkgCEEQaiEIIAggB0kNAAsgCf19/X8hCSAJ/RsAIAn9GwFqIAn9GwIgCf0bA2pqIQogBCAKOwEAIAUgCkECdGohCyALIAsoAgBBAWo2AgAgACAHaiEAIARBAmohBAwACwsL',
  'base64',
);
