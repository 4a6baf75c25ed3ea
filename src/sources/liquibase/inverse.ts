import type { ChangeNode } from './model.js';

/**
 * The rollback Liquibase generates for a change (its `createInverses()`), or undefined when the
 * change has none (sql, dropTable, dropColumn, modifyDataType, data changes): then a changeSet
 * without `<rollback>` cannot be rolled back.
 */
export function inverseOf(c: ChangeNode): ChangeNode[] | undefined {
  const a = c.attrs;
  const like = (type: string, attrs: Record<string, string | undefined>): ChangeNode => ({ type, range: c.range, attrs: clean(attrs), columns: [] });
  switch (c.type) {
    case 'tagDatabase':
    case 'empty':
    case 'output':
      return [];
    case 'createTable':
      return [like('dropTable', { tableName: a.tableName, schemaName: a.schemaName })];
    case 'addColumn':
      return [...c.columns].reverse().map((col) => ({ ...like('dropColumn', { tableName: a.tableName, schemaName: a.schemaName, columnName: col.attrs.name }), range: col.range }));
    case 'createIndex':
      return a.indexName ? [like('dropIndex', { tableName: a.tableName, schemaName: a.schemaName, indexName: a.indexName })] : undefined;
    case 'renameColumn':
      return [like('renameColumn', { tableName: a.tableName, schemaName: a.schemaName, oldColumnName: a.newColumnName, newColumnName: a.oldColumnName, columnDataType: a.columnDataType })];
    case 'renameTable':
      return [like('renameTable', { schemaName: a.schemaName, oldTableName: a.newTableName, newTableName: a.oldTableName })];
    case 'addNotNullConstraint':
      return [like('dropNotNullConstraint', { tableName: a.tableName, schemaName: a.schemaName, columnName: a.columnName, columnDataType: a.columnDataType })];
    case 'dropNotNullConstraint':
      return [like('addNotNullConstraint', { tableName: a.tableName, schemaName: a.schemaName, columnName: a.columnName, columnDataType: a.columnDataType })];
    case 'addForeignKeyConstraint':
      return [like('dropForeignKeyConstraint', { baseTableName: a.baseTableName, baseTableSchemaName: a.baseTableSchemaName, constraintName: a.constraintName })];
    case 'addUniqueConstraint':
      return [like('dropUniqueConstraint', { tableName: a.tableName, schemaName: a.schemaName, constraintName: a.constraintName })];
    case 'addPrimaryKey':
      return [like('dropPrimaryKey', { tableName: a.tableName, schemaName: a.schemaName, constraintName: a.constraintName })];
    case 'addDefaultValue':
      return [like('dropDefaultValue', { tableName: a.tableName, schemaName: a.schemaName, columnName: a.columnName })];
    case 'createSequence':
      return [like('dropSequence', { sequenceName: a.sequenceName, schemaName: a.schemaName })];
    case 'createView':
      return [like('dropView', { viewName: a.viewName, schemaName: a.schemaName })];
    default:
      return undefined;
  }
}

function clean(attrs: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}
