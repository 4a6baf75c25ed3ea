import type { Engine } from '../core/types.js';

/** A server version: PostgreSQL majors (`16`), MySQL with patch level (`8.0.29`), MariaDB (`10.11`). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

export function parseVersion(text: string | number): Version | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(text).trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), text: String(text).trim() };
}

export function compareVersion(a: Version, b: Pick<Version, 'major'> & Partial<Version>): number {
  return a.major - b.major || a.minor - (b.minor ?? 0) || a.patch - (b.patch ?? 0);
}

export function atLeast(v: Version, major: number, minor = 0, patch = 0): boolean {
  return compareVersion(v, { major, minor, patch }) >= 0;
}

export const defaultVersions: Record<Engine, string> = { postgres: '16', mysql: '8.0.36', mariadb: '10.11' };

/** Versions the knowledge tables cover; anything else is a config error. */
export function isSupportedVersion(engine: Engine, v: Version): boolean {
  switch (engine) {
    case 'postgres':
      return v.major >= 10 && v.major <= 18;
    case 'mysql':
      return (v.major === 5 && v.minor === 7) || (v.major === 8 && (v.minor === 0 || v.minor >= 1)) || v.major === 9;
    case 'mariadb':
      return (v.major === 10 && v.minor >= 4) || v.major === 11;
  }
}

export const supportedVersionsText: Record<Engine, string> = {
  postgres: '10 to 18',
  mysql: '5.7, 8.0.x, 8.4, 9.x',
  mariadb: '10.4 to 11.x',
};
