/** Shapes of form definitions (metadata/form.schema.json) and of the designer's API answers. */

/** A user-facing text in Chinese and English. */
export interface Text {
  zh: string;
  en?: string;
}

/** A JsonLogic rule: an object, a constant boolean, or null (no condition). */
export type JsonLogic = { [op: string]: unknown } | boolean | null;

export const CONDITION_KEYS = ['visible_if', 'required_if', 'readonly_if'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

export interface SelectOption {
  value: string;
  label?: { zh?: string; en?: string };
  color?: string;
}

export interface FieldDef {
  id: string;
  type: string;
  label: Text;
  help?: Text;
  placeholder?: Text;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  hidden?: boolean;
  deleted?: boolean;
  readonly?: boolean;
  default?: unknown;
  visible_if?: JsonLogic;
  required_if?: JsonLogic;
  readonly_if?: JsonLogic;
  options?: SelectOption[];
  fields?: FieldDef[];
  [key: string]: unknown;
}

export interface LayoutSection {
  section?: Text;
  tab?: Text;
  columns?: number;
  fields: string[];
}

export interface FormDefinition {
  schema_version: 1;
  id: string;
  label: Text;
  description?: Text;
  title_field?: string;
  fields: FieldDef[];
  layout?: LayoutSection[];
}

/** A JSON Schema fragment as far as the designer reads it. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  [key: string]: unknown;
}

export interface FieldTypeInfo {
  key: string;
  widget: string;
  label: { zh: string; en?: string };
  config_schema: JsonSchema;
}

export interface FormSummary {
  id: string;
  label?: Text | null;
  published_version?: number | null;
  draft_updated_at?: string;
}

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
