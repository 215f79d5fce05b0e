/** The audit page's texts, in Chinese and English (namespace "admin", section "audit"). */
export const zh = {};
export const en: typeof zh = {};
