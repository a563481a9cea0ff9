import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { BundlingOptions, ILocalBundling } from 'aws-cdk-lib';

/** The file each bundle writes; Lambda handlers are then `index.<export>`. */
export const BUNDLE_FILE = 'index.mjs';

// The script imports rolldown, so synth loads it only when it really bundles.
const BUNDLE_SCRIPT = path.join(import.meta.dirname, 'bundle-entry.ts');
// The bundle takes the workspaces' sources, whatever the synth process was started with.
const SOURCE_CONDITION = '--conditions=docent-source';

/**
 * Bundles a Lambda entry on this machine with rolldown, so synth needs neither Docker nor esbuild
 * (not installed in this repo; rolldown comes with vite). CDK calls it synchronously, hence the child process.
 */
export class RolldownBundling implements ILocalBundling {
  /** The TypeScript file whose exports become the handler. */
  readonly entry: string;

  /** Bundles `entry` when CDK asks. */
  constructor(entry: string) {
    this.entry = entry;
  }

  /**
   * Writes the bundle into `outputDir`. Throws instead of returning false, which would make CDK fall
   * back to Docker bundling with an image that has no bundler.
   */
  tryBundle(outputDir: string, _options: BundlingOptions): boolean {
    if (!existsSync(this.entry)) throw new Error(`Lambda entry ${this.entry} does not exist.`);
    const result = spawnSync(process.execPath, [SOURCE_CONDITION, BUNDLE_SCRIPT, this.entry, outputDir], {
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      // rolldown's first error line names the problem; the rest is its stack.
      const why = result.error?.message ?? (firstError(result.stderr) || `exit code ${result.status}`);
      throw new Error(`Bundling ${this.entry} failed: ${why}`);
    }
    return true;
  }
}

const firstError = (stderr: string): string => {
  const lines = stripVTControlCharacters(stderr)
    .split('\n')
    .map((line) => line.trim());
  return (
    lines.find((line) => /^\[[A-Z_]+\]/.test(line)) ??
    lines.find((line) => line.startsWith('Error:')) ??
    lines.find((line) => line !== '') ??
    ''
  );
};
