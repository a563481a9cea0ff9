import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

/** The bytes `wabt` compiles a `.wat` file to (SIMD on): tests check the shipped bytes against them. */
export const compileWat = async (file: string): Promise<Buffer> => {
  const wabt = await wabtInit();
  const module = wabt.parseWat(file, readFileSync(file, 'utf8'), { simd: true });
  return Buffer.from(module.toBinary({}).buffer);
};
