/** The departments page's texts, in Chinese and English (namespace "admin", section "departments"). */
export const zh = {};
export const en: typeof zh = {};
