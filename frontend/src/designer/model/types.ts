/** The designer's own API answers (impact preview, versions); form definitions and field
 * types are declared once in api/types.ts (re-exported here for the designer's modules). */

export type {
  FieldDef, FieldTypeInfo, FormDefinition, FormSummary, JsonLogic, JsonSchema, LayoutSection, SelectOption, Text,
} from '../../api/types';

export const CONDITION_KEYS = ['visible_if', 'required_if', 'readonly_if'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

export interface ApiProblem {
  pointer?: string;
  field?: string;
  code?: string;
  message?: { zh?: string; en?: string } | string;
}

export interface ImpactChange {
  op: 'create_table' | 'add_column' | 'change_type' | 'add_index' | string;
  table?: string;
  field?: string;
  from?: string;
  to?: string;
  unique?: boolean;
  failing?: number;
  samples?: unknown[];
}

export interface ImpactPreview {
  changes: ImpactChange[];
  problems: ApiProblem[];
}

export interface VersionInfo {
  version: number;
  published_at: string;
  published_by?: number | string | null;
  note?: string | null;
}
