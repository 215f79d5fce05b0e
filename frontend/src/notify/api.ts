/** The notifications REST calls (message center, settings, channels, deliveries, templates). */
import { request } from "../api/client";
import type {
  ChannelInfo, ChannelType, ChannelWrite, DefinitionItem, Delivery, DeliveryDetail, DeliveryPage, DeliveryQuery,
  Message, MessagePage, MessageState, NotifySettings, PreviewReply, PreviewRequest, Template,
} from "./types";

const appPath = (app: string) => `/apps/${encodeURIComponent(app)}`;
const channelPath = (app: string, name: string) => `${appPath(app)}/channels/${encodeURIComponent(name)}`;
const templatePath = (app: string, key: string) => `${appPath(app)}/definitions/template/${encodeURIComponent(key)}`;

export const notifyApi = {
  unread: () => request<{ unread: number }>("GET", "/me/messages/unread").then((r) => r.unread),
  messages: (state: MessageState, beforeId?: number | null, limit = 20) =>
    request<MessagePage>("GET", "/me/messages", { query: { state, limit, before_id: beforeId ?? undefined } }),
  markRead: (id: number) => request<Message>("POST", `/me/messages/${id}/read`),
  markAllRead: () => request<{ unread: number }>("POST", "/me/messages/read-all"),
  settings: () => request<NotifySettings>("GET", "/me/notify-settings"),
  saveSettings: (body: Pick<NotifySettings, "events" | "quiet_hours">) =>
    request<NotifySettings>("PUT", "/me/notify-settings", { body }),

  channelTypes: () => request<{ items: ChannelType[] }>("GET", "/notify/channel-types").then((r) => r.items),
  channels: (app: string) => request<{ items: ChannelInfo[] }>("GET", `${appPath(app)}/channels`).then((r) => r.items),
  saveChannel: (app: string, name: string, body: ChannelWrite) => request<ChannelInfo>("PUT", channelPath(app, name), { body }),
  deleteChannel: (app: string, name: string) => request<void>("DELETE", channelPath(app, name)),
  testChannel: (app: string, name: string, to?: string) =>
    request<Delivery>("POST", `${channelPath(app, name)}/test`, { body: to ? { to } : {} }),

  deliveries: (app: string, q: DeliveryQuery) =>
    request<DeliveryPage>("GET", `${appPath(app)}/deliveries`, { query: { ...q } }),
  delivery: (app: string, id: number) => request<DeliveryDetail>("GET", `${appPath(app)}/deliveries/${id}`),
  recordMessages: (app: string, form: string, id: number) =>
    request<{ items: Delivery[] }>("GET", `${appPath(app)}/forms/${encodeURIComponent(form)}/records/${id}/messages`)
      .then((r) => r.items),

  templates: (app: string) =>
    request<{ items: DefinitionItem[] }>("GET", `${appPath(app)}/definitions/template`).then((r) => r.items),
  template: (app: string, key: string) => request<Template>("GET", templatePath(app, key)),
  saveTemplate: (app: string, key: string, body: Template) => request<Template>("PUT", templatePath(app, key), { body }),
  publishTemplate: (app: string, key: string) =>
    request<{ version: number }>("POST", `${templatePath(app, key)}/publish`, { body: {} }),
  preview: (app: string, body: PreviewRequest) =>
    request<PreviewReply>("POST", `${appPath(app)}/templates/preview`, { body }),
};
