/** Shapes of the REST API's answers, as far as the web UI reads them. */

/** A user-defined text in Chinese and English. */
export interface Text {
  zh?: string;
  en?: string;
}

export type JsonLogic = Record<string, unknown> | boolean | null;

export interface SelectOption {
  value: string;
  label?: Text;
  color?: string;
}

export interface FieldDef {
  id: string;
  type: string;
  label?: Text;
  help?: Text;
  placeholder?: Text;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  readonly?: boolean;
  hidden?: boolean;
  deleted?: boolean;
  default?: unknown;
  visible_if?: JsonLogic;
  required_if?: JsonLogic;
  readonly_if?: JsonLogic;
  options?: SelectOption[];
  fields?: FieldDef[];
  target?: string;
  display_field?: string;
  precision?: number;
  currency?: string;
  min?: number;
  max?: number;
  max_length?: number;
  max_count?: number;
  max_items?: number;
  max_rows?: number;
  accept?: string[];
  [key: string]: unknown;
}

export interface LayoutSection {
  section?: Text;
  tab?: Text;
  columns?: number;
  fields: string[];
}

export type Action = "read" | "create" | "update" | "delete" | "export" | "import" | "manage";

/** A form definition as stored and edited (metadata/form.schema.json). */
export interface FormDefinition {
  schema_version?: 1;
  id: string;
  label: Text;
  description?: Text;
  title_field?: string;
  fields: FieldDef[];
  layout?: LayoutSection[];
}

/** `GET /apps/{app}/forms/{form}`: the published definition as the caller may use it. */
export interface FormDef {
  id: string;
  label?: Text;
  description?: Text;
  title_field?: string;
  fields: FieldDef[];
  layout?: LayoutSection[];
  actions: Action[];
}

export interface AppInfo {
  id: string;
  label?: Text;
  description?: Text;
  icon?: string;
  forms?: string[];
  /** what opening the app shows: a dashboard (else the first form the user may read) */
  home?: { dashboard?: string };
}

export interface FormSummary {
  id: string;
  label?: Text | null;
  published_version?: number | null;
  draft_updated_at?: string;
}

export type RecordRow = Record<string, unknown> & { id: number; version: number };

export interface ListReply {
  items: RecordRow[];
  next: string | null;
  count: number | null;
  count_exact: boolean;
}

export interface ListParams {
  filter?: JsonLogic;
  sort?: string[];
  limit?: number;
  page?: number;
  cursor?: string | null;
  q?: string;
  fields?: string[];
  expand?: string[];
  count?: "exact" | "estimate" | "none";
}

export type ViewType = "grid" | "kanban" | "calendar";

export interface ViewDef {
  schema_version: 1;
  id: string;
  form: string;
  label: Text;
  type?: ViewType;
  filter?: JsonLogic;
  sort?: string[];
  columns?: string[];
  group_by?: string;
  date_field?: string;
  shared?: boolean;
  owner?: number | null;
  /** parts left out for this user (they name fields the user may not see), by field label */
  dropped?: Partial<Record<DroppedPart, { field: string; label: Text }[]>>;
}

export type DroppedPart = "filter" | "sort" | "columns" | "group_by" | "date_field";

/** What a field type can do (platform/trellis/forms/types/traits.py), served by GET /field-types. */
export interface FieldTraits {
  sql_kind: "text" | "number" | "bool" | "date" | "datetime" | "json_array" | "json";
  /** condition operators, names from the operator table (`FieldTypesReply.operators`) */
  operators: string[];
  sortable: boolean;
  filterable: boolean;
  searchable: boolean;
  inline_editable: boolean;
  references: "form" | "user" | "department" | null;
  number_format: "amount" | "percent" | null;
  export: string | null;
  importable: boolean;
  import_key: boolean;
  sheet_hint: Text;
  sheet_example: unknown;
  aggregations: string[];
  palette_group: string;
  /** its place in the group, lower first (the server answers in this order) */
  palette_rank: number;
  wide: boolean;
  groupable: boolean;
  /** the system fills the value (an auto-number): never typed, never required of people */
  generated: boolean;
}

/** One field type of `GET /field-types`: its names, palette label, configuration schema and traits. */
export interface FieldTypeInfo extends FieldTraits {
  key: string;
  widget: string;
  label: Text;
  config_schema?: JsonSchema;
}

/** One condition operator: the JsonLogic it writes and how many values it takes. */
export interface OperatorSpec {
  logic: string;
  values: 0 | 1 | 2 | "list";
  value_first?: boolean;
  negated?: boolean;
}

export interface FieldTypesReply {
  items: FieldTypeInfo[];
  operators: Record<string, OperatorSpec>;
}

export interface Department {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  name_en?: string | null;
  children?: Department[];
}

export interface Me {
  id: number;
  username: string;
  name?: string;
  roles: string[];
  is_admin: boolean;
  /** the instance's zone, in which rules in the browser read now / today */
  timezone?: string;
}

export interface UserItem {
  id: number;
  username: string;
  title?: string;
}

export interface RelationInfo {
  form: string;
  field: string;
  label?: Text;
  form_label?: Text;
}

export interface HistoryEntry {
  id: number;
  at: string;
  user_id?: number | null;
  username?: string | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
  /** what made the write when not the user directly (an automation, a flow, an import...), origin first */
  cause?: { kind: string; id?: string | number | null; label?: string | null }[] | null;
  /** the cause in words, e.g. {zh: "由自动化 通知居间人修改", en: "by automation 通知居间人"} */
  cause_text?: { zh: string; en: string };
}

export interface FileMeta {
  id: string;
  name: string;
  size: number;
  content_type: string;
}

/** A JSON Schema fragment as far as the record form reads it. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  readOnly?: boolean;
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

export interface FieldError {
  field?: string;
  code?: string;
  message: Text;
  row?: number;
  /** an import error naming a column of the file (0-based) */
  column?: number | string;
}

/** Excel/CSV import (`/apps/{app}/forms/{form}/imports…`): see the import contract. */
export interface ImportField {
  id: string;
  label?: Text;
  type: string;
  required?: boolean;
  unique?: boolean;
}

/** How the server matched a column to a field: by field id, by label, or from a saved mapping. */
export type MatchedBy = "id" | "label" | "saved" | null;

export interface ImportColumn {
  column: number;
  header: string;
  field: string | null;
  by: MatchedBy;
}

export interface SavedMapping {
  id: number | string;
  name: string;
  /** header text -> field id */
  mapping: Record<string, string>;
}

export interface SheetSummary {
  name: string;
  rows: number;
  cols: number;
}

/** `POST /imports/inspect`: what the file holds and how its columns map to fields. */
export interface InspectReply {
  upload: string;
  filename: string;
  kind: "xlsx" | "xls" | "csv";
  sheets: SheetSummary[];
  sheet: string;
  header_row: number;
  headers: string[];
  preview: unknown[][];
  total: number;
  mapping: ImportColumn[];
  fields: ImportField[];
  saved_mappings: SavedMapping[];
}

export type ImportMode = "insert" | "upsert" | "update";
export type ImportOnError = "all" | "skip";

/** `POST /imports`: start a batch (or a dry run). */
export interface ImportRequest {
  upload: string;
  sheet: string;
  header_row: number;
  /** column index (as a string) -> field id; unmapped columns are left out */
  mapping: Record<string, string>;
  mode: ImportMode;
  keys: string[];
  dry_run: boolean;
  on_error: ImportOnError;
  save_mapping: string | null;
}

export type BatchStatus = "queued" | "running" | "done" | "failed" | "cancelled" | "rolled_back";

/** `GET /bootstrap`: what the shell needs to open a page, each part as its own endpoint gives it;
 * a part the caller may not read is null, its error under `errors`. */
export interface Bootstrap {
  me: Me;
  apps: AppInfo[];
  departments: Department[];
  /** the instance's IANA time zone: the browser's rules read now / today in it */
  timezone?: string;
  app?: string;
  form?: string;
  forms?: FormSummary[] | null;
  views?: ViewDef[] | null;
  definition?: FormDef | null;
  errors: Record<string, { code: string; message: Text; status: number }>;
}

/** One refused cell of an import: its Excel row number, the column (letter and header) when the
 * field has one in the file, the field, and the message. */
export interface ImportProblem {
  row: number;
  column: string | null;
  header: string | null;
  field: string | null;
  message: Text;
}

export interface ImportBatch {
  id: number | string;
  form: string;
  filename: string;
  sheet?: string | null;
  mode: ImportMode;
  keys: string[];
  dry_run: boolean;
  on_error: ImportOnError;
  status: BatchStatus;
  total: number | null;
  done: number;
  eta_seconds: number | null;
  rows_per_second: number | null;
  inserted: number;
  updated: number;
  skipped: number;
  failed: number;
  errors_url: string | null;
  message: Text | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  user: string | { id?: number; username?: string; name?: string } | null;
  can_cancel: boolean;
  can_rollback: boolean;
  /** a finished batch read by id: its first 100 refused cells */
  problems?: ImportProblem[];
}

/** `GET /export`: the grid's current rows as a workbook or CSV. */
export interface ExportParams {
  format: "xlsx" | "csv";
  filter?: JsonLogic;
  sort?: string[];
  q?: string;
  fields?: string[];
  lang: "zh" | "en";
}
