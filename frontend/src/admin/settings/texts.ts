/** The settings page's texts, in Chinese and English (namespace "admin", section "settings"). */
export const zh = {};
export const en: typeof zh = {};
