/**
 * Requests the page load started before React rendered (prefetch.ts puts them here), taken
 * once by the parts of the shell that need them (SessionContext, ViewsContext). Kept apart
 * from prefetch.ts, which imports pages lazily, so the shell never imports page code.
 */
import { api } from "./client";
import { metaCache } from "./cache";
import { setDateContext } from "../logic/dates";
import type { AppInfo, FieldTypeInfo, Me, ViewDef } from "./types";

/** Who is signed in, their apps, the department tree, the field types with their traits. */
export type SessionData = [Me, AppInfo[], unknown, FieldTypeInfo[]];
let session: Promise<SessionData> | null = null;
let views: { app: string; reply: Promise<ViewDef[]> } | null = null;

/** The session's requests: `me` and `apps` (each maybe from the bootstrap reply), and the cached metadata. */
export function startSession(me: Promise<Me> = api.me(), apps: Promise<AppInfo[]> = api.apps()): Promise<SessionData> {
  // the instance's zone, for rules' now / today (after a page load and after a sign-in alike)
  me.then((m) => m.timezone && setDateContext({ timeZone: m.timezone }), () => undefined);
  // without the field types' traits every field would act as unknown: their failure fails the session
  const started = Promise.all([me, apps, metaCache.departments().catch(() => []), metaCache.fieldTypes()]);
  started.catch(() => undefined);
  return started;
}

export function putSession(started: Promise<SessionData>): void {
  session = started;
}

/** The session requests started at page load; taken once (later loads ask again). */
export function takeSession(): Promise<SessionData> | null {
  const started = session;
  session = null;
  return started;
}

export function putViews(app: string, reply: Promise<ViewDef[]>): void {
  views = { app, reply };
}

/** The saved views of `app` the page load asked for; taken once. */
export function takeViews(app: string): Promise<ViewDef[]> | null {
  const started = views?.app === app ? views.reply : null;
  views = null;
  return started;
}
