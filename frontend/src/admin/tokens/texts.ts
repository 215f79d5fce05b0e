/** The tokens page's texts, in Chinese and English (namespace "admin", section "tokens"). */
export const zh = {};
export const en: typeof zh = {};
