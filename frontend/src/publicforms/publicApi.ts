/** The public form endpoints (no sign-in) and the 外链 administration calls, through the app's client. */
import { request } from "../api/client";
import type { FieldDef, Text } from "../api/types";

export interface PublicPage {
  title: Text;
  description?: Text | null;
  success_message: Text;
  captcha: boolean;
  form: { label: Text };
  fields: FieldDef[];
}

export interface Captcha {
  id: string;
  image: string;
  expires_in: number;
}

/** A public link definition (metadata/public_link.schema.json). */
export interface PublicLinkDef {
  schema_version: 1;
  id: string;
  form: string;
  label: Text;
  enabled?: boolean;
  fields: string[];
  title?: Text;
  description?: Text;
  success_message?: Text;
  captcha?: boolean;
  rate_limit_per_hour?: number;
  link_limit_per_hour?: number;
  source?: { field: string; value: string };
}

export interface PublicLinkItem {
  id: string;
  label?: Text;
  enabled: boolean;
  published: boolean;
  token: string | null;
  path: string | null;
}

const pub = (token: string) => `/public/forms/${encodeURIComponent(token)}`;
const linkPath = (app: string, key: string) =>
  `/apps/${encodeURIComponent(app)}/definitions/public_link/${encodeURIComponent(key)}`;

export const publicApi = {
  page: (token: string) => request<PublicPage>("GET", pub(token)),
  captcha: (token: string) => request<Captcha>("GET", `${pub(token)}/captcha`),
  submit: (token: string, data: Record<string, unknown>, captcha?: { id: string; answer: string }) =>
    request<{ ok: boolean; message: Text }>("POST", `${pub(token)}/records`, { body: { data, captcha } }),
  links: (app: string, form: string) =>
    request<{ items: PublicLinkItem[] }>("GET", `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/public-links`)
      .then((r) => r.items),
  definition: (app: string, key: string) => request<PublicLinkDef>("GET", linkPath(app, key)),
  async save(app: string, body: PublicLinkDef): Promise<void> {
    await request("PUT", linkPath(app, body.id), { body });
    await request("POST", `${linkPath(app, body.id)}/publish`, { body: {} });
  },
  regenerate: (app: string, key: string) =>
    request<{ token: string; path: string }>("POST", `/apps/${encodeURIComponent(app)}/public-links/${encodeURIComponent(key)}/token`),
};

/** The full address of a link's page. */
export function linkUrl(path: string): string {
  return `${window.location.origin}${path}`;
}
