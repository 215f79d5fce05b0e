/** The filter button: shows how many conditions apply, opens the builder in a drawer. */
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
  const n = countConditions(value);
  return (
    <>
      <Badge count={n} size="small" color="#1677ff">
        <Button icon={<FilterOutlined />} type={n ? "primary" : "default"} ghost={n > 0} onClick={() => setOpen(true)}
          data-testid="filter-button">
          {t("grid.filter")}
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t("grid.filterTitle")} size={760} destroyOnHidden>
        <Suspense fallback={<Spin />}>
          {open && <FilterBuilder app={app} def={def} value={value} onApply={(logic) => { onChange(logic); setOpen(false); }} />}
        </Suspense>
      </Drawer>
    </>
  );
}
