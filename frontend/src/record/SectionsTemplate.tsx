/** The record form's body: the definition's layout sections (titles, columns, optional tabs);
 * fields no section names come last. */
import type { ObjectFieldTemplateProps } from "@rjsf/utils";
import { Divider, Tabs } from "antd";
import type { ReactElement } from "react";
import { traitsOf } from "../api/fieldTypes";
import type { LayoutSection } from "../api/types";
import { useLang } from "../i18n/text";
import { useTranslation } from "react-i18next";


export default function SectionsTemplate(props: ObjectFieldTemplateProps) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const sections = (props.uiSchema?.["ui:sections"] ?? []) as LayoutSection[];
  const byName = new Map(props.properties.map((p) => [p.name, p]));
  const typeOf = (name: string) => (props.uiSchema?.[name]?.["ui:options"] as { fieldDef?: { type: string } } | undefined)?.fieldDef?.type;
  const placed = new Set<string>();

  const grid = (names: string[], columns: number): ReactElement => (
    <div className="trellis-section-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {names.map((name) => {
        const p = byName.get(name)!;
        return (
          <div key={name} style={traitsOf(typeOf(name) ?? "").wide ? { gridColumn: "1 / -1" } : undefined}>{p.content}</div>
        );
      })}
    </div>
  );

  const blocks = sections.map((s, i) => {
    const names = s.fields.filter((n) => byName.has(n) && !placed.has(n));
    names.forEach((n) => placed.add(n));
    return { key: String(i), title: s.section, tab: s.tab, names, columns: Math.min(Math.max(s.columns ?? 1, 1), 4) };
  });
  const rest = props.properties.map((p) => p.name).filter((n) => !placed.has(n));
  if (rest.length) blocks.push({ key: "rest", title: sections.length ? { zh: t("record.other"), en: t("record.other") } : undefined, tab: undefined, names: rest, columns: 2 });
  const visible = blocks.filter((b) => b.names.length);

  const render = (b: (typeof blocks)[number]) => (
    <div key={b.key} className="trellis-form-section">
      {b.title && <Divider titlePlacement="start">{tx(b.title)}</Divider>}
      {grid(b.names, b.columns)}
    </div>
  );
  if (!visible.some((b) => b.tab)) return <>{visible.map(render)}</>;
  const tabs: { key: string; label: string; children: ReactElement[] }[] = [];
  for (const b of visible) {
    const label = b.tab ? tx(b.tab) : tabs[tabs.length - 1]?.label ?? t("record.details");
    const last = tabs[tabs.length - 1];
    if (last && last.label === label) last.children.push(render(b));
    else tabs.push({ key: `${tabs.length}`, label, children: [render(b)] });
  }
  return <Tabs items={tabs.map((tb) => ({ key: tb.key, label: tb.label, children: <>{tb.children}</> }))} />;
}
