/** Registers the designer's texts (namespace "designer") with the app's i18next instance. */
import i18n from '../i18n';
import en from './locales/en';
import zh from './locales/zh';

export const NS = 'designer';

for (const [lng, texts] of [['zh-CN', zh], ['zh', zh], ['en', en]] as const) {
  if (!i18n.hasResourceBundle(lng, NS)) i18n.addResourceBundle(lng, NS, texts, true, false);
}

export default i18n;
