import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['attach-partition-scan'];

describe('attach-partition-scan', () => {
  it('builds the CHECK from the bound and the partition key found in the file', async () => {
    const sql = "CREATE TABLE m (id int, logdate date) PARTITION BY RANGE (logdate);\nALTER TABLE m ATTACH PARTITION m2019 FOR VALUES FROM ('2019-01-01') TO (MAXVALUE);";
    const [d] = await lintSql(sql, { only });
    const steps = d.suggestions?.[0].sql ?? '';
    expect(steps).toContain("ALTER TABLE m2019 ADD CONSTRAINT m2019_bound CHECK (logdate IS NOT NULL AND logdate >= '2019-01-01') NOT VALID;");
    expect(steps).toContain('ALTER TABLE m2019 VALIDATE CONSTRAINT m2019_bound;');
    expect(steps.indexOf('VALIDATE')).toBeLessThan(steps.indexOf('ATTACH PARTITION'));
  });

  it('uses a placeholder key when the parent is not in the file, and says the parent lock per version', async () => {
    const sql = "ALTER TABLE events ATTACH PARTITION events_eu FOR VALUES IN ('de', 'fr');";
    const [d] = await lintSql(sql, { only, version: '11' });
    expect(d.suggestions?.[0].sql).toContain("CHECK (<partition key> IS NOT NULL AND <partition key> IN ('de', 'fr'))");
    expect(d.message).toContain('ACCESS EXCLUSIVE on the parent (before PostgreSQL 12)');
    const [d12] = await lintSql(sql, { only, version: '12' });
    expect(d12.message).toContain('SHARE UPDATE EXCLUSIVE on the parent');
  });
});
