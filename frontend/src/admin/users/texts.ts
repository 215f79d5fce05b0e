/** The users page's texts, in Chinese and English (namespace "admin", section "users"). */
export const zh = {};
export const en: typeof zh = {};
