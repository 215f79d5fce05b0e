/** A condition (JsonLogic) in words over a form's fields, with the designer's operator names:
 * "标签 包含 重点客户 并且 客户权益 大于 1000000". */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { FieldDef } from "../api/types";
import "../designer/i18n";
import { NS } from "../designer/i18n";
import { describeLogic } from "../designer/model/logicText";
import { useLang } from "../i18n/text";

export function useLogicWords(fields: FieldDef[]): (logic: unknown) => string | null {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  return useCallback((logic: unknown) => {
    if (logic === null || logic === undefined || typeof logic === "boolean") return null;
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
        if (typeof v === "boolean") return t(v ? "props.yes" : "props.no");
        return typeof v === "string" ? `“${v}”` : JSON.stringify(v);
      },
    }) ?? JSON.stringify(logic);
  }, [fields, t, tx]);
}
