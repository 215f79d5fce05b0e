/** 中文 / English switch; the choice is remembered. */
import { Segmented } from "antd";
import { setLanguage } from "../i18n";
import { useLang } from "../i18n/text";

export default function LanguageSwitch({ dark }: { dark?: boolean }) {
  const { lang } = useLang();
  return (
    <Segmented
      size="small"
      className={dark ? "trellis-lang-dark" : undefined}
      value={lang}
      options={[{ value: "zh", label: "中文" }, { value: "en", label: "EN" }]}
      onChange={(v) => setLanguage(v as "zh" | "en")}
      aria-label="language"
    />
  );
}
