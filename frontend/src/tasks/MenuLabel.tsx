/** The side menu's inbox entry: 待办 and the pending count. */
import { useLang } from "../i18n/text";
import { countText, menuLabel } from "./menuText";
import { usePending } from "./usePending";

export default function MenuLabel() {
  const { lang } = useLang();
  const pending = usePending();
  return (
    <span data-testid="menu-inbox" style={{ display: "inline-flex", alignItems: "center", gap: 8 }}>
      {menuLabel(lang)}
      {pending > 0 && (
        <span data-testid="menu-inbox-count" style={{ minWidth: 18, height: 18, padding: "0 5px", borderRadius: 9, background: "#ff4d4f",
          color: "#fff", fontSize: 11, lineHeight: "18px", textAlign: "center" }}>{countText(pending)}</span>
      )}
    </span>
  );
}
