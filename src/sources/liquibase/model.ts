import type { Range } from '../../core/types.js';

/**
 * A piece of text taken from a changelog document: `verbatim` pieces are copied character for
 * character from document offset `at`; other pieces (a decoded entity, generated SQL) stand for
 * the whole document range `at..end`.
 */
export interface Chunk {
  text: string;
  at: number;
  end: number;
  verbatim: boolean;
}

/** Text with its origin in the document, chunk by chunk (an `<sql>` body, a `where` clause). */
export type MappedText = Chunk[];

export function plainText(m: MappedText | undefined): string {
  return m ? m.map((c) => c.text).join('') : '';
}

/** A `<column>` (XML) or `- column:` (YAML) inside a change, with its `<constraints>` attributes. */
export interface ColumnNode {
  range: Range;
  attrs: Record<string, string>;
  constraints: Record<string, string>;
}

/** One change of a changeSet (`createIndex`, `sql`, ...), named as Liquibase names it. */
export interface ChangeNode {
  type: string;
  /** The whole element (XML) or mapping entry (YAML): where its findings point. */
  range: Range;
  attrs: Record<string, string>;
  columns: ColumnNode[];
  /** The SQL body of `<sql>` / `<createProcedure>`, the `<where>` of `<update>` / `<delete>`. */
  text?: MappedText;
}

export interface RollbackNode {
  range: Range;
  changes: ChangeNode[];
  /** Raw SQL written directly in the rollback. */
  text?: MappedText;
}

export interface ChangeSetNode {
  range: Range;
  attrs: Record<string, string>;
  changes: ChangeNode[];
  /** Absent: Liquibase generates the rollback when every change supports it. */
  rollback?: RollbackNode;
  /** `<preConditions>` of the changeSet: not evaluated (noted once). */
  preConditions?: Range;
}

export interface IncludeNode {
  kind: 'include' | 'includeAll';
  range: Range;
  attrs: Record<string, string>;
}

export type ChangelogItem = { kind: 'changeSet'; node: ChangeSetNode } | { kind: 'include'; node: IncludeNode };

export interface ChangelogProblem {
  message: string;
  range: Range;
  /** The document could not be read past this point (malformed XML/YAML). */
  fatal?: boolean;
}

/** A changelog document (XML, YAML or JSON) in document order. */
export interface ChangelogDoc {
  items: ChangelogItem[];
  /** `<property name value>` definitions (changelog parameters). */
  properties: Record<string, string>;
  problems: ChangelogProblem[];
  /** Changelog-level `<preConditions>`. */
  preConditions?: Range;
}
