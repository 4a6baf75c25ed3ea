import type { Rule } from '../types.js';
import { checkForeignKeyMysql } from '../mysql/checks/foreign-key.js';

/**
 * add-foreign-key: adding a foreign key to a table that already has rows. One public id for every
 * engine; the check follows the engine (MySQL/MariaDB: table copy unless foreign_key_checks=0, plus
 * the parent's metadata lock).
 */
export const addForeignKey: Rule = {
  meta: {
    id: 'add-foreign-key',
    engines: ['mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'Adding a foreign key to an existing table: a full table copy on MySQL unless foreign_key_checks=0, and a lock on the parent table too.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    if (ctx.engine === 'mysql' || ctx.engine === 'mariadb') checkForeignKeyMysql(ctx);
  },
};
