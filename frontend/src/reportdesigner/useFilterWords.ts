/** A condition over the report's form in words ("风险测评结果 属于 C4、C5 并且 客户权益 大于
 * 1000000"), with the designer's operator names; null for no condition. */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { FieldDef } from "../api/types";
import { NS as DESIGNER_NS } from "../designer/i18n";
import { describeLogic } from "../designer/model/logicText";
import { useLang } from "../i18n/text";

export function useFilterWords(fields: FieldDef[]): (logic: unknown) => string | null {
  const { t } = useTranslation(DESIGNER_NS);
  const { tx } = useLang();
  return useCallback((logic: unknown) => {
    if (logic === null || logic === undefined) return null;
    const byId = new Map(fields.map((f) => [f.id, f]));
    return describeLogic(logic, {
      ops: t("cond.operators", { returnObjects: true }) as Record<string, string>,
      and: t("cond.and"),
      or: t("cond.or"),
      not: t("cond.not"),
      field: (id) => tx(byId.get(id)?.label, id),
      choice: (id) => Boolean(byId.get(id)?.options),
      value: (id, v) => {
        const option = byId.get(id)?.options?.find((o) => o.value === v);
        if (option) return tx(option.label, option.value);
        return typeof v === "string" ? `“${v}”` : JSON.stringify(v);
      },
    });
  }, [fields, t, tx]);
}
