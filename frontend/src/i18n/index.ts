/** i18next set-up: zh-CN by default, English switchable; the choice is kept in localStorage. */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en";
import zh from "./zh";

export type Lang = "zh" | "en";
const KEY = "trellis.lang";

export function savedLanguage(): string {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return saved === "en" ? "en" : "zh-CN";
}

export function langOf(language: string | undefined): Lang {
  return language && language.toLowerCase().startsWith("en") ? "en" : "zh";
}

export function setLanguage(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  void i18n.changeLanguage(lang === "en" ? "en" : "zh-CN");
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zh }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
