/** The notifications API's shapes (channels, deliveries, templates, the message center). */
import type { JsonSchema, Text } from "../api/types";

export type Urgency = "high" | "medium" | "low";
export type DeliveryState = "queued" | "held" | "sending" | "retrying" | "sent" | "failed" | "skipped";

export interface ChannelType {
  type: string;
  label: Text;
  address: string | null;
  local: boolean;
  config_schema: JsonSchema;
}

export interface ChannelInfo {
  name: string;
  type: string;
  label?: Text | null;
  enabled: boolean;
  config: Record<string, unknown>;
  secrets_set: string[];
  sent: number;
  failed: number;
  updated_at?: string | null;
  /** false: the plugin of its type is not installed */
  installed?: boolean;
  /** true: its stored configuration could not be decrypted */
  unreadable?: boolean;
}

export interface ChannelWrite {
  type: string;
  label?: Text;
  enabled?: boolean;
  config: Record<string, unknown>;
}

export interface Recipient {
  kind?: string;
  key?: string;
  name?: string | null;
  user_id?: number | null;
}

export interface Delivery {
  id: number;
  message_id?: number | string | null;
  event?: string | null;
  channel: string;
  channel_type?: string;
  urgency?: Urgency;
  recipient?: Recipient | null;
  to?: string | null;
  subject?: string | null;
  body?: string | null;
  state: DeliveryState | string;
  attempts?: number;
  error?: string | null;
  /** why it was held, skipped or is a fallback */
  note?: string | null;
  answer?: unknown;
  latency_ms?: number | null;
  form?: string | null;
  record?: number | null;
  run_at?: string | null;
  created_at?: string | null;
  sent_at?: string | null;
  read_at?: string | null;
}

export interface Attempt {
  attempt: number;
  at: string;
  status: string;
  answer?: unknown;
  latency_ms?: number | null;
  error?: string | null;
}

export interface DeliveryDetail extends Delivery {
  log: Attempt[];
}

export interface DeliveryPage {
  items: Delivery[];
  counts: Partial<Record<string, number>>;
  next_before_id: number | null;
}

export interface DeliveryQuery {
  channel?: string;
  state?: string;
  form?: string;
  record?: number;
  limit?: number;
  before_id?: number | null;
}

/** A channel's own texts (each part {zh, en}). */
export interface Variant {
  subject?: Text;
  body?: Text;
  html?: Text;
}

export interface Template {
  schema_version?: number;
  id: string;
  label: Text;
  form?: string | null;
  urgency: Urgency;
  subject: Text;
  body: Text;
  html?: Text;
  channels?: Record<string, Variant>;
}

export interface DefinitionItem {
  id: string;
  label?: Text | null;
  published_version?: number | null;
  draft_updated_at?: string | null;
}

export interface PreviewRequest {
  template: Template;
  record: number | null;
  channel: string | null;
  lang: "zh" | "en";
}

export interface PreviewReply {
  subject: string;
  text: string;
  html: string | null;
}

export type MessageState = "unread" | "read" | "all";

export interface Message {
  id: number;
  app?: string | null;
  title: string;
  body: string;
  urgency?: Urgency;
  form?: string | null;
  record?: number | null;
  created_at: string;
  read_at?: string | null;
}

export interface MessagePage {
  items: Message[];
  unread: number;
  next_before_id: number | null;
}

export interface QuietHours {
  start: string;
  end: string;
}

export interface NotifySettings {
  events: Record<string, string[]>;
  quiet_hours: QuietHours | null;
  available: {
    events: { key: string; label?: Text | string | null; urgency?: Urgency; app?: string }[];
    channels: string[];
  };
}
