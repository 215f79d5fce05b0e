/** The publish impact preview put in words: one line per change, warnings first. */
import type { ImpactChange } from './types';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface ImpactLine {
  text: string;
  /** 'error' when the change will be refused, 'warning' when it touches stored data. */
  level: 'info' | 'warning' | 'error';
}

function samplesText(samples: unknown[] | undefined): string {
  return (samples ?? [])
    .slice(0, 5)
    .map((s) => (typeof s === 'string' ? `“${s}”` : JSON.stringify(s)))
    .join('、');
}

/** One line per change; `label` names a field by id, `typeLabel` a field type by key. */
export function describeImpact(
  changes: ImpactChange[],
  t: Translate,
  label: (id: string) => string,
  typeLabel: (key: string) => string,
): ImpactLine[] {
  return changes.map((c): ImpactLine => {
    const field = c.field ? label(c.field) : '';
    switch (c.op) {
      case 'create_table':
        return c.field
          ? { level: 'info', text: t('impact.createSubTable', { field }) }
          : { level: 'info', text: t('impact.createTable', { table: c.table ?? '' }) };
      case 'add_column':
        return { level: 'info', text: t('impact.addColumn', { field }) };
      case 'add_index':
        return { level: 'info', text: t(c.unique ? 'impact.addUnique' : 'impact.addIndex', { field }) };
      case 'change_type': {
        const head = t('impact.changeType', { field, from: typeLabel(c.from ?? ''), to: typeLabel(c.to ?? '') });
        if (c.failing) {
          const tail = t('impact.failing', { count: c.failing, samples: samplesText(c.samples) });
          return { level: 'error', text: `${head}${t('impact.sep')}${tail}` };
        }
        return { level: 'warning', text: `${head}${t('impact.sep')}${t('impact.converts')}` };
      }
      default:
        return { level: 'info', text: `${c.op} ${field}`.trim() };
    }
  });
}
