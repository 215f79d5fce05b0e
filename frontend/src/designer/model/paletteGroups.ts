/** Palette groups: each field type in the group its `palette_group` trait names, groups in a
 * familiar order, types naming a group the designer does not know under "other". */
import type { FieldTypeInfo } from './types';

export const GROUPS = ['basic', 'choice', 'contact', 'advanced'];

/** `types` in palette groups (empty groups left out), in the server's order within a group. */
export function paletteGroups(types: FieldTypeInfo[]): { key: string; types: FieldTypeInfo[] }[] {
  const out = [...GROUPS, 'other'].map((key) => ({ key, types: [] as FieldTypeInfo[] }));
  const other = out[out.length - 1];
  for (const t of types) (out.find((g) => g.key === t.palette_group) ?? other).types.push(t);
  return out.filter((g) => g.types.length);
}
