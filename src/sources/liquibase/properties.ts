import type { ChangeNode, MappedText } from './model.js';

const PLACEHOLDER = /\$\{([^}\n]*)\}/g;

/** `${name}` replaced with the changelog property's value; unknown ones stay as written. */
export function substitute(value: string, props: Readonly<Record<string, string>>): string {
  if (!value.includes('${')) return value;
  return value.replace(PLACEHOLDER, (m, name: string) => props[name.trim()] ?? m);
}

/** A change with its attributes' changelog parameters substituted (Liquibase does it before generating SQL). */
export function withProperties(change: ChangeNode, props: Readonly<Record<string, string>>): ChangeNode {
  const sub = (attrs: Record<string, string>) => Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, substitute(v, props)]));
  return {
    ...change,
    attrs: sub(change.attrs),
    columns: change.columns.map((c) => ({ ...c, attrs: sub(c.attrs), constraints: sub(c.constraints) })),
    text: change.text ? textWithProperties(change.text, props) : undefined,
  };
}

/**
 * SQL text with `${name}` replaced by the property's value, or (unknown property) by a neutral
 * identifier of the same length so the SQL still parses; both point at the placeholder.
 */
export function textWithProperties(text: MappedText, props: Readonly<Record<string, string>>): MappedText {
  if (!text.some((c) => c.text.includes('${'))) return text;
  const out: MappedText = [];
  for (const c of text) {
    if (!c.verbatim || !c.text.includes('${')) {
      out.push(c);
      continue;
    }
    let last = 0;
    for (const m of c.text.matchAll(PLACEHOLDER)) {
      if (m.index > last) out.push({ text: c.text.slice(last, m.index), at: c.at + last, end: c.at + m.index, verbatim: true });
      const value = props[m[1].trim()] ?? 'p' + '_'.repeat(m[0].length - 1);
      out.push({ text: value, at: c.at + m.index, end: c.at + m.index + m[0].length, verbatim: false });
      last = m.index + m[0].length;
    }
    if (last < c.text.length) out.push({ text: c.text.slice(last), at: c.at + last, end: c.end, verbatim: true });
  }
  return out;
}
