import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';

/** The pid of a process that has certainly exited. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
};

describe('acquireDataDirLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'docent-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes our pid, refuses a second holder while held, and frees the directory on release', async () => {
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    const error = await expectDocentError(() => acquireDataDirLock(dir), 'conflict');
    expect(error.message).toContain(String(process.pid));
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('takes over a lock left by a dead process', () => {
    const file = path.join(dir, 'docent.lock');
    writeFileSync(file, `${deadPid()}\n`);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over an unreadable lock file, since no live owner can be named', () => {
    writeFileSync(path.join(dir, 'docent.lock'), 'not a pid');
    acquireDataDirLock(dir).release();
  });

  it('leaves no scratch files behind, and release never deletes a lock that is no longer ours', () => {
    const lock = acquireDataDirLock(dir);
    const other = `${deadPid()}\n`;
    writeFileSync(lock.file, other);
    lock.release();
    expect(readFileSync(lock.file, 'utf8')).toBe(other);
    expect(readdirSync(dir)).toEqual(['docent.lock']);
  });
});
