import { describe, expect, it } from 'vitest';
import { sqlFileText } from '../../src/core/sql-file-text.js';

describe('sqlFileText', () => {
  it('decodes UTF-8, keeping a UTF-8 byte order mark for the byte-order-mark rule', () => {
    expect(sqlFileText(Buffer.from('CREATE TABLE café (id int);\n'))).toBe('CREATE TABLE café (id int);\n');
    expect(sqlFileText(Buffer.from('\uFEFFSELECT 1;'))).toBe('\uFEFFSELECT 1;');
    expect(sqlFileText(Buffer.alloc(0))).toBe('');
  });

  it('refuses UTF-16 (either byte order) and files with NUL bytes, saying why', () => {
    const le = sqlFileText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SELECT 1;', 'utf16le')]));
    expect(le).toBeInstanceOf(Error);
    expect((le as Error).message).toContain('UTF-16 text (it starts with the byte order mark FF FE)');
    expect((sqlFileText(Buffer.from([0xfe, 0xff, 0x00, 0x53])) as Error).message).toContain('FE FF');
    expect((sqlFileText(Buffer.from('SELECT\u00001;')) as Error).message).toContain('NUL bytes');
  });
});
