/** Texts of the phone-sized layout (namespace "phone"): the menu drawer, the record cards, the
 * grid modes a phone does not offer. `usePhoneText()` resolves in "phone" first, then in the
 * app's own texts. */
import { useTranslation } from "react-i18next";
import i18n from "../i18n";

export const PHONE_NS = "phone";

const zh = {
  menu: "菜单", closeMenu: "关闭菜单", language: "语言",
  cards: {
    open: "打开", edit: "编辑", delete: "删除", deleteConfirm: "删除“{{name}}”?", deleted: "已删除“{{name}}”",
    empty: "没有记录",
  },
  calendarNotice: "日历在手机上显示不下,已改为按卡片列出记录;请在电脑上查看日历。",
};

const en: typeof zh = {
  menu: "Menu", closeMenu: "Close menu", language: "Language",
  cards: {
    open: "Open", edit: "Edit", delete: "Delete", deleteConfirm: "Delete “{{name}}”?", deleted: "Deleted “{{name}}”",
    empty: "No records",
  },
  calendarNotice: "The calendar does not fit on a phone: the records are listed as cards instead. Open the calendar on a computer.",
};

for (const [lng, texts] of [["zh-CN", zh], ["zh", zh], ["en", en]] as const) {
  if (!i18n.hasResourceBundle(lng, PHONE_NS)) i18n.addResourceBundle(lng, PHONE_NS, texts, true, false);
}

/** `t` for the phone layout: the "phone" texts, falling back to the app's own. */
export function usePhoneText() {
  return useTranslation([PHONE_NS, "translation"], { nsMode: "fallback" });
}
