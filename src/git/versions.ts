import path from 'node:path';

/**
 * The version a migration file name starts with: Flyway `V1_2__x.sql` -> `1.2`, golang-migrate and
 * dbmate `20240101120000_x.up.sql` -> `20240101120000`, `001_init.sql` -> `001`. Repeatable and
 * unversioned names give undefined.
 */
export function versionFromName(filePath: string): string | undefined {
  const base = path.basename(filePath);
  const m = /^[VvUu]?(\d+(?:[._]\d+)*?)(?=__|[_\-.]?[A-Za-z]|\.sql$|$)/.exec(base) ?? /^[VvUu]?(\d+)/.exec(base);
  return m ? m[1].replace(/_/g, '.') : undefined;
}

/** Compares versions segment by segment, numerically (`1.10` after `1.9`, `002` equal to `2`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._]/).map((x) => BigInt(x.replace(/\D/g, '') || '0'));
  const pb = b.split(/[._]/).map((x) => BigInt(x.replace(/\D/g, '') || '0'));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
