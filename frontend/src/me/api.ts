/** The signed-in user's own settings (`/me/password`, `/me/preferences`), and what happens right
 * after signing in: the saved language is applied, and a password an administrator set leads to
 * the personal settings to change it first. */
import { request } from "../api/client";
import { langOf, setLanguage, type Lang } from "../i18n";
import i18n from "../i18n";

export interface Preferences {
  language: Lang | null;
  must_change_password: boolean;
}

export const CHANGE_PASSWORD_PATH = "/me/settings?password=required";

export const meApi = {
  preferences: () => request<Preferences>("GET", "/me/preferences"),
  savePreferences: (language: Lang) => request<Preferences>("PUT", "/me/preferences", { body: { language } }),
  changePassword: (current: string, next: string) =>
    request<void>("POST", "/me/password", { body: { current, new: next } }),
};

/** Apply the user's saved language; the page to open instead of `next` when the password must
 * be changed first (else `next`). A server without these settings leaves both as they are. */
export async function afterSignIn(next: string): Promise<string> {
  try {
    const prefs = await meApi.preferences();
    if (prefs.language && prefs.language !== langOf(i18n.language)) setLanguage(prefs.language);
    return prefs.must_change_password ? CHANGE_PASSWORD_PATH : next;
  } catch {
    return next;
  }
}
