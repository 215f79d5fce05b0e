/** antd theme and locale (zh_CN / en_US, following the UI language), dayjs locale, message/modal context. */
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import type { ReactNode } from "react";
import { useLang } from "../i18n/text";

const FONT = `-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Helvetica Neue", Arial, sans-serif`;

export default function Providers({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  dayjs.locale(lang === "en" ? "en" : "zh-cn");
  return (
    <ConfigProvider
      locale={lang === "en" ? enUS : zhCN}
      theme={{ token: { fontFamily: FONT, colorPrimary: "#1677ff", borderRadius: 6 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
