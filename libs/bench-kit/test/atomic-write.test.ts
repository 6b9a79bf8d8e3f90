import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../src/results/write.ts';

describe('atomic writes (the one home of temp-file-and-rename)', () => {
  it('async and sync variants create folders, replace the old content and leave no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-kit-write-'));
    const file = join(dir, 'a', 'b', 'out.json');
    await writeFileAtomic(file, 'one');
    expect(readFileSync(file, 'utf8')).toBe('one');
    writeFileAtomicSync(file, 'two');
    writeFileAtomicSync(file, 'three'); // twice in the same millisecond: distinct temp names
    expect(readFileSync(file, 'utf8')).toBe('three');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.json']);
  });

  it('a failed write leaves the previous file as it was and no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-kit-write-'));
    const target = join(dir, 'target');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'before');
    // Renaming a file over a non-empty directory fails after the temp file was written.
    expect(() => writeFileAtomicSync(target, 'x')).toThrow();
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['target']);
  });
});
