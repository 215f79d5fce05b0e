/** A platform user, picked by server-side search (`GET /users?q=`). */
import { useTranslation } from "react-i18next";
import { useDebouncedSearch } from "../../hooks/useDebouncedSearch";
import { idOf } from "../entities";
import { userLabel } from "../format";
import { searchUsers } from "../search";
import type { WidgetProps } from "../types";
import SearchSelect from "./SearchSelect";

export default function UserWidget({ value, onChange, disabled, invalid, id }: WidgetProps) {
  const { t } = useTranslation();
  const found = useDebouncedSearch(searchUsers);
  return (
    <SearchSelect id={id} current={idOf(value)} currentLabel={userLabel(value)} found={found}
      placeholder={t("record.searchUser")} disabled={disabled} invalid={invalid} onChange={onChange} />
  );
}
