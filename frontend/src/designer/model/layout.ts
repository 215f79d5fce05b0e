/** The definition's `layout`: sections of fields in 1-4 columns, optionally grouped in tabs. */
import type { FieldDef, FormDefinition, LayoutSection, Text } from './types';

export const DEFAULT_SECTION_LABEL: Text = { zh: '基本信息', en: 'Basics' };

export function isLive(field: FieldDef): boolean {
  return !field.deleted;
}

export function liveFieldIds(def: FormDefinition): string[] {
  return def.fields.filter(isLive).map((f) => f.id);
}

export function newSection(fields: string[] = [], label?: Text, columns = 2): LayoutSection {
  return { section: label ?? { ...DEFAULT_SECTION_LABEL }, columns, fields };
}

/**
 * A layout naming every live field exactly once: unknown or deleted ids are dropped,
 * repeated ids kept at their first place, live fields not placed anywhere appended to
 * the last section. Without any section, one section holds all fields.
 */
export function normalizeLayout(def: FormDefinition): LayoutSection[] {
  const live = new Set(liveFieldIds(def));
  const placed = new Set<string>();
  const sections = (def.layout ?? []).map((s) => {
    const fields = (s.fields ?? []).filter((id) => {
      if (!live.has(id) || placed.has(id)) return false;
      placed.add(id);
      return true;
    });
    const out: LayoutSection = { ...s, fields };
    if (out.columns !== undefined) out.columns = clampColumns(out.columns);
    return out;
  });
  const rest = liveFieldIds(def).filter((id) => !placed.has(id));
  if (sections.length === 0) return [newSection(rest, undefined, 1)];
  if (rest.length) {
    const last = sections[sections.length - 1];
    sections[sections.length - 1] = { ...last, fields: [...last.fields, ...rest] };
  }
  return sections;
}

export function clampColumns(n: number): number {
  return Math.min(4, Math.max(1, Math.round(Number(n) || 1)));
}

/** Where field `id` sits: section index and position in it, or null. */
export function locate(layout: LayoutSection[], id: string): { section: number; index: number } | null {
  for (let s = 0; s < layout.length; s += 1) {
    const index = layout[s].fields.indexOf(id);
    if (index >= 0) return { section: s, index };
  }
  return null;
}

export interface TabGroup {
  /** The tab's Chinese label ('' for sections without a tab). */
  key: string;
  tab?: Text;
  sections: number[];
}

/** Sections grouped by tab, tabs in order of first appearance. One group when no tabs. */
export function tabGroups(layout: LayoutSection[]): TabGroup[] {
  const groups: TabGroup[] = [];
  layout.forEach((s, i) => {
    const key = s.tab?.zh?.trim() ?? '';
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, tab: key ? s.tab : undefined, sections: [] };
      groups.push(group);
    }
    group.sections.push(i);
  });
  return groups;
}

export function hasTabs(layout: LayoutSection[]): boolean {
  return layout.some((s) => Boolean(s.tab?.zh?.trim()));
}
