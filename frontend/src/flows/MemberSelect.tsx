/** One member of the instance, searched by name or username and kept by username (a flow
 * moved to another instance still names the same person). */
import { Select } from "antd";
import { useState } from "react";
import { api } from "../api/client";
import { useFlowText } from "./i18n";
import { memberLabel, rememberMember, useMemberNames } from "./useHumanWords";

interface Props {
  value: unknown;
  onChange: (username: string) => void;
  testId: string;
}

interface Found {
  value: string;
  label: string;
}

export default function MemberSelect({ value, onChange, testId }: Props) {
  const { t } = useFlowText();
  const [found, setFound] = useState<Found[]>([]);
  const current = typeof value === "string" || typeof value === "number" ? value : undefined;
  useMemberNames(typeof current === "string" ? [current] : []);
  const search = (q: string) => void api.users(q, 20).then((items) => {
    items.forEach(rememberMember);
    setFound(items.map((u) => ({ value: u.username, label: memberLabel(u.username) })));
  });
  const shown = current === undefined ? undefined : String(current);
  const options = [...(shown !== undefined && !found.some((f) => f.value === shown)
    ? [{ value: shown, label: memberLabel(current!) }] : []), ...found];
  return (
    <Select<string> showSearch value={shown} placeholder={t("human.pickUser")} filterOption={false} data-testid={testId}
      onSearch={search} onFocus={() => search("")} options={options} onChange={onChange}
      popupMatchSelectWidth={false} />
  );
}
