/** Palette groups: the core types in a familiar order; types from plugins go under "other". */
import type { FieldTypeInfo } from './types';

export const GROUPS: { key: string; types: string[] }[] = [
  { key: 'basic', types: ['text', 'long_text', 'integer', 'decimal', 'money', 'percent', 'boolean', 'date', 'datetime'] },
  { key: 'choice', types: ['single_select', 'multi_select'] },
  { key: 'contact', types: ['mobile', 'email', 'url'] },
  { key: 'advanced', types: ['auto_number', 'user', 'department', 'relation', 'sub_table', 'attachment', 'json'] },
];

/** `types` in palette groups (empty groups left out), unknown keys in an "other" group. */
export function paletteGroups(types: FieldTypeInfo[]): { key: string; types: FieldTypeInfo[] }[] {
  const byKey = new Map(types.map((t) => [t.key, t]));
  const placed = new Set<string>();
  const out = GROUPS.map((g) => ({
    key: g.key,
    types: g.types.flatMap((k) => {
      const t = byKey.get(k);
      if (!t) return [];
      placed.add(k);
      return [t];
    }),
  }));
  out.push({ key: 'other', types: types.filter((t) => !placed.has(t.key)) });
  return out.filter((g) => g.types.length);
}
