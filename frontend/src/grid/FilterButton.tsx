/** The filter button: shows how many conditions apply, opens the builder in a drawer. Conditions
 * edited but not applied stay as a draft while the applied filter is unchanged (closing the
 * drawer, Esc included, does not throw them away). */
import { FilterOutlined } from "@ant-design/icons";
import { Badge, Button, Drawer, Spin } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormDef, JsonLogic } from "../api/types";
import { countConditions } from "./gridState";

const FilterBuilder = lazy(() => import("./FilterBuilder"));

interface Props {
  app: string;
  def: FormDef;
  value: JsonLogic;
  onChange: (logic: JsonLogic) => void;
}

export default function FilterButton({ app, def, value, onChange }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<{ base: JsonLogic; tree: unknown } | null>(null);
  const n = countConditions(value);
  const pending = draft && JSON.stringify(draft.base) === JSON.stringify(value) ? draft.tree : undefined;
  return (
    <>
      {/* orange while conditions wait unapplied */}
      <Badge count={n || (pending !== undefined ? 1 : 0)} dot={pending !== undefined && !n} size="small"
        color={pending !== undefined ? "#fa8c16" : "#1677ff"}>
        <Button icon={<FilterOutlined />} type={n ? "primary" : "default"} ghost={n > 0} onClick={() => setOpen(true)}
          title={pending !== undefined ? t("grid.filterDraft") : undefined} data-testid="filter-button">
          {t("grid.filter")}
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t("grid.filterTitle")}
        size={Math.min(760, window.innerWidth)} destroyOnHidden>
        <Suspense fallback={<Spin />}>
          {open && <FilterBuilder app={app} def={def} value={value} draft={pending}
            onDraft={(tree) => setDraft(tree === null ? null : { base: value, tree })}
            onApply={(logic) => { setDraft(null); onChange(logic); setOpen(false); }} />}
        </Suspense>
      </Drawer>
    </>
  );
}
