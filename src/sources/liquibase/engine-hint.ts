import path from 'node:path';
import type { Engine } from '../../core/types.js';
import { engineFromUrl } from '../engine-hints.js';
import { listDir, readIfExists } from '../fs-helpers.js';

/** Files that name the database Liquibase connects to: its own properties, Spring Boot's configuration. */
const CONFIG = /^(liquibase\.properties|application(-[\w-]+)?\.(properties|ya?ml))$/;

/**
 * The engine of the JDBC URL in `liquibase.properties` or a Spring Boot `application*.properties|yml`
 * (`url`, `spring.liquibase.url`, `spring.datasource.url`) next to the master changelog or in a
 * folder above it (up to the repository root). A changelog document itself never names it.
 */
export function engineNearChangelog(master: string): Engine | undefined {
  let dir = path.dirname(master);
  for (let level = 0; level < 8; level++) {
    const names = listDir(dir);
    for (const n of names.filter((x) => CONFIG.test(x)).sort()) {
      const m = /jdbc:(postgresql|mysql|mariadb):/i.exec(readIfExists(path.join(dir, n)) ?? '');
      const engine = m ? engineFromUrl(`jdbc:${m[1]}:`) : undefined;
      if (engine) return engine;
    }
    if (names.includes('.git')) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
