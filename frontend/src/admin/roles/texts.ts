/** The roles page's texts, in Chinese and English (namespace "admin", section "roles"). */
export const zh = {};
export const en: typeof zh = {};
