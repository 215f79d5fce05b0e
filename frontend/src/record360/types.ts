/** The record 360's server shapes: key figures, related counts, timeline items, comments. */
import type { FieldDef, FormDef, Text } from "../api/types";

export interface KeyFigure {
  key: string;
  label?: Text | null;
  value: unknown;
  kind: "field" | "aggregate";
  /** how to show the value: a field definition (type, options, precision...) */
  field: FieldDef;
  /** an aggregate's related form and relation field (its tab) */
  related?: { form: string; field: string };
}

export interface RelatedCount {
  form: string;
  field: string;
  count: number;
  count_exact?: boolean;
}

export type ActivityType = "change" | "related" | "message" | "flow" | "comment";

export interface Person {
  id: number;
  name: string;
}

export interface ActivityItem {
  id: string;
  type: ActivityType;
  at: string;
  actor: Person | null;
  summary: Text;
  link: string | null;
  data: {
    action?: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    cause_text?: Text;
    comment?: number;
    text?: string;
    mentions?: Person[];
    mine?: boolean;
    edited_at?: string | null;
    state?: string;
    states?: Record<string, string>;
    [key: string]: unknown;
  };
}

export interface ActivityPage {
  items: ActivityItem[];
  next: string | null;
}

export interface CommentRow {
  id: number;
  text: string;
  mentions: Person[];
  author: Person;
  created_at: string;
  edited_at: string | null;
  mine: boolean;
}

/** A form definition with its record-page keys (`summary`, `list_columns`). */
export type FormWithKeys = FormDef & { list_columns?: string[] };
