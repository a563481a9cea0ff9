import { DocentError } from '@docent/domain';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { qaDevDocument } from '../test-support/qa-dev.ts';
import { readZipMembers, zipMemberNames } from './zip-archive.ts';

const MIB = 1024 * 1024;

const failure = (run: () => unknown): DocentError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DocentError) return error;
    throw error;
  }
  throw new Error('expected a DocentError');
};

/** Overwrites the uncompressed size in every header with 1 byte, as a lying zip bomb does. */
const lieAboutSizes = (zip: Uint8Array): Uint8Array => {
  const lying = zip.slice();
  const data = new DataView(lying.buffer);
  for (let at = 0; at + 4 <= lying.length; at++) {
    const signature = data.getUint32(at, true);
    if (signature === 0x04034b50) data.setUint32(at + 22, 1, true);
    if (signature === 0x02014b50) data.setUint32(at + 24, 1, true);
  }
  return lying;
};

describe('readZipMembers', () => {
  const archive = zipSync({ 'a.xml': strToU8('<a>alpha</a>'), 'b.xml': strToU8('<b>beta</b>'), 'c.bin': strToU8('x') });

  it('inflates only the members asked for, byte for byte', () => {
    const members = readZipMembers(archive, ['a.xml', 'b.xml', 'missing.xml'], MIB);
    expect([...members.keys()].sort()).toEqual(['a.xml', 'b.xml']);
    expect(new TextDecoder().decode(members.get('b.xml'))).toBe('<b>beta</b>');
  });

  it('reads stored (uncompressed) members', () => {
    const stored = zipSync({ 'a.xml': strToU8('<a>stored</a>') }, { level: 0 });
    expect(new TextDecoder().decode(readZipMembers(stored, ['a.xml'], MIB).get('a.xml'))).toBe('<a>stored</a>');
  });

  it('counts the budget over all members of the call', () => {
    const two = zipSync({ 'a.txt': new Uint8Array(600), 'b.txt': new Uint8Array(600) });
    expect(readZipMembers(two, ['a.txt'], 1000).get('a.txt')?.length).toBe(600);
    expect(failure(() => readZipMembers(two, ['a.txt', 'b.txt'], 1000)).code).toBe('too_large');
  });

  it('stops a bomb whose headers lie about its size with too_large naming the setting', () => {
    const bomb = lieAboutSizes(zipSync({ 'word/document.xml': new Uint8Array(8 * MIB) }));
    const error = failure(() => readZipMembers(bomb, ['word/document.xml'], 2 * MIB));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      "The archive's content inflates to more than 2 MB, the limit (setting DOCENT_MAX_INFLATED_MB).",
    );
  });

  it('reads a real Word file exactly as fflate does in one go', () => {
    const docx = qaDevDocument('nodejs-url.docx');
    const xml = new TextDecoder().decode(
      readZipMembers(docx, ['word/document.xml'], 64 * MIB).get('word/document.xml'),
    );
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml.endsWith('</w:document>')).toBe(true);
  });

  it.each([
    ['truncated', archive.subarray(0, archive.length - 30)],
    ['not a zip', strToU8('PK\u0003\u0004 but nothing else')],
    ['data cut short', archive.subarray(0, 40)],
  ])('reports a damaged archive (%s) as extraction_failed', (_name, bytes) => {
    expect(failure(() => readZipMembers(bytes, ['a.xml'], MIB)).code).toBe('extraction_failed');
  });
});

describe('zipMemberNames', () => {
  it('lists the central directory without inflating anything', () => {
    const bomb = lieAboutSizes(zipSync({ 'word/document.xml': new Uint8Array(8 * MIB), 'x.txt': strToU8('x') }));
    expect(zipMemberNames(bomb)).toEqual(['word/document.xml', 'x.txt']);
  });

  it('is null for bytes that are not an archive', () => {
    expect(zipMemberNames(strToU8('hello'))).toBeNull();
  });
});
