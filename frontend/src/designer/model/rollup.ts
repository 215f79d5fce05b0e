/** The rollup editor's rules: the aggregates a rollup offers, and which fields each takes (by the
 * fields' traits: `aggregations`; "latest" takes any field that fits in a cell). */
import { fieldTraits, traitsOf } from '../../api/fieldTypes';
import type { FieldDef } from './types';

export const AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'latest'];

/** Whether `f` can be aggregated with `aggregate`. */
export function aggregatable(f: FieldDef, aggregate: string): boolean {
  if (aggregate === 'latest') return !traitsOf(f.type).wide;
  return fieldTraits(f).aggregations.includes(aggregate);
}
