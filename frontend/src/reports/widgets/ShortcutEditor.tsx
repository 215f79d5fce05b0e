/** The shortcuts' settings: a list of links, each its kind (new record, form, report,
 * dashboard, the reports page, my tasks, messages), its target picked from the app's forms,
 * reports or dashboards, and an optional name. */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Select } from "antd";
import { metaCache } from "../../api/cache";
import { useAsync } from "../../hooks/useAsync";
import type { Lang } from "../../i18n";
import { textOf } from "../../i18n/text";
import { reportsApi } from "../api";
import { useReportsText } from "../i18n";
import { SHORTCUT_KINDS, SHORTCUT_TARGETS, type Shortcut, type ShortcutKind } from "./config";

interface Props {
  app: string;
  lang: Lang;
  items: Shortcut[];
  onChange: (items: Shortcut[]) => void;
}

export default function ShortcutEditor({ app, lang, items, onChange }: Props) {
  const { t } = useReportsText();
  const lists = useAsync(async () => {
    const [forms, reports, dashboards] = await Promise.all([
      metaCache.forms(app).catch(() => []), reportsApi.reports(app).catch(() => []), reportsApi.dashboards(app).catch(() => []),
    ]);
    const opt = (x: { id: string; label?: unknown }) => ({ value: x.id, label: textOf(x.label as never, lang, x.id) });
    return { form: forms.map(opt), report: reports.map(opt), dashboard: dashboards.map(opt) };
  }, [app, lang]);
  const set = (i: number, patch: Partial<Shortcut>) => onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <div data-testid="shortcut-editor">
      {items.map((item, i) => {
        const list = SHORTCUT_TARGETS[item.kind];
        return (
          <div className="trw-editor-row" key={i} data-testid={`shortcut-row-${i}`}>
            <Select value={item.kind} aria-label={t("widgets.editor.kind")} data-testid={`shortcut-kind-${i}`}
              options={SHORTCUT_KINDS.map((k) => ({ value: k, label: t(`widgets.kinds.${k}`) }))}
              onChange={(kind: ShortcutKind) => set(i, { kind, target: SHORTCUT_TARGETS[kind] === list ? item.target : undefined })} />
            {list ? (
              <Select value={item.target} placeholder={t("widgets.editor.target")} showSearch optionFilterProp="label"
                loading={lists.loading} options={lists.data?.[list] ?? []} data-testid={`shortcut-target-${i}`}
                onChange={(target: string) => set(i, { target })} />
            ) : null}
            <Input style={{ flex: 1, minWidth: 120 }} placeholder={t("widgets.editor.label")} value={textOf(item.label, lang, "")}
              onChange={(e) => set(i, { label: e.target.value ? { ...item.label, [lang]: e.target.value } : undefined })} />
            <Button type="text" icon={<DeleteOutlined />} aria-label={t("widgets.remove")}
              onClick={() => onChange(items.filter((_, j) => j !== i))} />
          </div>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...items, { kind: "form" }])} data-testid="shortcut-add">
        {t("widgets.editor.addItem")}
      </Button>
    </div>
  );
}
