/** "3 分钟前" / "3 min ago" of a time, as the message center writes it (a date past a week). */
import { ago, shortDate } from "../../notify/format";
import { useNotifyText } from "../../notify/i18n";

export function useAgo(): (iso: string | null | undefined) => string {
  const { t } = useNotifyText();
  const now = Date.now();
  return (iso) => {
    if (!iso) return "";
    const a = ago(iso, now);
    return a.key === "date" ? shortDate(iso) : t(`ago.${a.key}`, { count: a.count });
  };
}
