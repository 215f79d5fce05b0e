/** A record of the target form, picked by server-side search (`q`) and shown by its title field. */
import { useTranslation } from "react-i18next";
import { useDebouncedSearch } from "../../hooks/useDebouncedSearch";
import { useLang } from "../../i18n/text";
import { idOf } from "../entities";
import { relationLabel } from "../format";
import { searchRecords } from "../search";
import type { WidgetProps } from "../types";
import SearchSelect from "./SearchSelect";

export default function RelationWidget({ field, value, onChange, disabled, invalid, ctx, id }: WidgetProps) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const found = useDebouncedSearch((q) => searchRecords(ctx.app, field, q, lang));
  return (
    <SearchSelect id={id} current={idOf(value)} currentLabel={relationLabel(field, value)} found={found}
      placeholder={t("record.searchRecord")} disabled={disabled} invalid={invalid} onChange={onChange} />
  );
}
