/**
 * What a publish changes, in words a business user reads: the server's preview of the table
 * changes (new table, new columns, type changes, indexes) together with what the draft changes
 * against the published version (fields added, removed, restored, renamed, made required).
 * One line per change, the ones that need attention first. Only what is true is said: a
 * removed field's data stays (sync keeps its column), a field made required must be filled
 * the next time such a record is saved (updates validate the whole record).
 */
import type { FieldDef, FormDefinition, ImpactChange } from './types';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface ImpactLine {
  text: string;
  /** 'error' when the change will be refused, 'warning' when it touches stored data. */
  level: 'info' | 'warning' | 'error';
}

export interface ImpactInput {
  /** The server's preview of the table changes. */
  changes: ImpactChange[];
  /** The draft being published, and the published version (null before the first publish). */
  draft: FormDefinition;
  published: FormDefinition | null;
  /** Field id → how many stored records have no value, for fields the draft makes required. */
  empties?: Record<string, number>;
  /** The grid's default columns after the publish (to tell where a new field shows). */
  gridColumns?: string[];
  /** How many columns the grid shows by default. */
  gridLimit?: number;
}

export interface Namer {
  t: Translate;
  /** A field (or `sub.child`) by id, as the user knows it. */
  label: (id: string) => string;
  typeLabel: (key: string) => string;
}

const ORDER = { error: 0, warning: 1, info: 2 };

function samplesText(samples: unknown[] | undefined): string {
  return (samples ?? [])
    .slice(0, 5)
    .map((s) => (typeof s === 'string' ? `“${s}”` : JSON.stringify(s)))
    .join('、');
}

const live = (def: FormDefinition | null): FieldDef[] => (def?.fields ?? []).filter((f) => !f.deleted);

/** Names in quotes, joined: “A”、“B”. */
const quoted = (names: string[]) => names.map((n) => `“${n}”`).join('、');

/** The server's table changes, one line each (new top-level columns are told by `fieldLines`). */
function tableLines(input: ImpactInput, { t, label, typeLabel }: Namer): ImpactLine[] {
  const out: ImpactLine[] = [];
  for (const c of input.changes) {
    const field = c.field ? label(c.field) : '';
    switch (c.op) {
      case 'create_table':
        if (c.field) out.push({ level: 'info', text: t('impact.createSubTable', { field }) });
        else out.push({ level: 'info', text: t('impact.firstPublish', { count: live(input.draft).length }) });
        break;
      case 'add_column':
        if (c.field?.includes('.')) {
          const [sub] = c.field.split('.');
          out.push({ level: 'info', text: t('impact.addSubColumn', { sub: label(sub), field }) });
        }
        break;
      case 'add_index':
        out.push({ level: 'info', text: t(c.unique ? 'impact.addUnique' : 'impact.addIndex', { field }) });
        break;
      case 'change_type': {
        const head = t('impact.changeType', { field, from: typeLabel(c.from ?? ''), to: typeLabel(c.to ?? '') });
        const tail = c.failing ? t('impact.failing', { count: c.failing, samples: samplesText(c.samples) }) : t('impact.converts');
        out.push({ level: c.failing ? 'error' : 'warning', text: `${head}${t('impact.sep')}${tail}` });
        break;
      }
      default:
        out.push({ level: 'info', text: `${c.op} ${field}`.trim() });
    }
  }
  return out;
}

/** What the draft changes against the published version, field by field. */
function fieldLines(input: ImpactInput, { t, label }: Namer): ImpactLine[] {
  const { published, draft } = input;
  if (!published) return [];
  const out: ImpactLine[] = [];
  const before = new Map(published.fields.map((f) => [f.id, f]));
  const now = live(draft);
  const added = now.filter((f) => !before.has(f.id));
  if (added.length) {
    out.push({ level: 'info', text: t('impact.added', { count: added.length, names: quoted(added.map((f) => label(f.id))) }) });
  }
  for (const f of now) {
    const old = before.get(f.id);
    if (!old) continue;
    const name = label(f.id);
    if (old.deleted) out.push({ level: 'info', text: t('impact.restored', { field: name }) });
    if (!old.deleted && old.label?.zh && f.label?.zh && old.label.zh !== f.label.zh) {
      out.push({ level: 'info', text: t('impact.renamed', { from: old.label.zh, to: f.label.zh }) });
    }
    if (f.required && !old.required) {
      const empty = input.empties?.[f.id];
      const key = empty === undefined ? 'impact.requiredUnknown' : empty ? 'impact.required' : 'impact.requiredFilled';
      out.push({ level: empty ? 'warning' : 'info', text: t(key, { field: name, count: empty ?? 0 }) });
    }
    if (!f.required && old.required && !old.deleted) out.push({ level: 'info', text: t('impact.optional', { field: name }) });
  }
  const ids = new Set(now.map((f) => f.id));
  for (const old of published.fields) {
    if (!old.deleted && !ids.has(old.id)) {
      out.push({ level: 'warning', text: t('impact.removed', { field: label(old.id) }) });
    }
  }
  return out;
}

/** Where new fields show in the grid: past the default columns, in the column chooser. */
function gridLines(input: ImpactInput, { t, label }: Namer): ImpactLine[] {
  if (!input.gridColumns) return [];
  const before = new Set((input.published?.fields ?? []).map((f) => f.id));
  const shown = new Set(input.gridColumns);
  const hidden = live(input.draft).filter((f) => !before.has(f.id) && !shown.has(f.id));
  if (!hidden.length) return [];
  return [{ level: 'info', text: t('impact.notInGrid', { names: quoted(hidden.map((f) => label(f.id))), limit: input.gridLimit ?? 8 }) }];
}

/** Every line of the publish preview, the ones needing attention first. */
export function describeImpact(input: ImpactInput, namer: Namer): ImpactLine[] {
  const lines = [...tableLines(input, namer), ...fieldLines(input, namer), ...gridLines(input, namer)];
  return lines.map((line, i) => ({ line, i })).sort((a, b) => ORDER[a.line.level] - ORDER[b.line.level] || a.i - b.i).map((x) => x.line);
}

/** Fields the draft makes required that were published optional (their empty records are counted). */
export function newlyRequired(draft: FormDefinition, published: FormDefinition | null): string[] {
  if (!published) return [];
  const before = new Map(published.fields.map((f) => [f.id, f]));
  return live(draft).filter((f) => f.required && before.has(f.id) && !before.get(f.id)!.required && !before.get(f.id)!.deleted).map((f) => f.id);
}
