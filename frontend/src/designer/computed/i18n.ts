/** Registers the computed fields' editor texts (namespace "computed") with the app's i18next instance. */
import i18n from '../../i18n';
import en from './locales/en';
import zh from './locales/zh';

export const COMPUTED_NS = 'computed';

for (const [lng, texts] of [['zh-CN', zh], ['zh', zh], ['en', en]] as const) {
  if (!i18n.hasResourceBundle(lng, COMPUTED_NS)) i18n.addResourceBundle(lng, COMPUTED_NS, texts, true, false);
}

export default i18n;
