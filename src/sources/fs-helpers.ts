import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { MigrationFile } from './types.js';

/** Entry names of a directory, or none when it cannot be read. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** File text, or undefined when it cannot be read. */
export function readIfExists(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first `bytes` characters of a file (cheap sniffing for detection). */
export function readHead(p: string, bytes = 4096): string {
  const text = readIfExists(p);
  return text === undefined ? '' : text.slice(0, bytes);
}

/** Compares digit strings as integers of any length (versions like `20240101120000000015`). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** Compares dotted versions part by part as integers (Flyway `1.2.10` after `1.2.9`; `1.0` equals `1`). */
export function compareDotted(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(pa[i] ?? '0', pb[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Up/down files keyed by version, in version order (each up followed by its down), with each
 * pair pointing at the other: the layout of golang-migrate and pop.
 */
export function pairedInVersionOrder(byVersion: ReadonlyMap<string, { up?: MigrationFile; down?: MigrationFile }>): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (const [, pair] of [...byVersion].sort((a, b) => compareDigits(a[0], b[0]))) {
    if (pair.up && pair.down) {
      pair.up.pairPath = pair.down.path;
      pair.down.pairPath = pair.up.path;
    }
    if (pair.up) files.push(pair.up);
    if (pair.down) files.push(pair.down);
  }
  return files;
}
