/** How the server matched a column to its field: by field id, by label, or from a saved mapping. */
import { Tag } from "antd";
import type { MatchedBy } from "../api/types";
import { useImportText } from "./i18n";

const COLORS = { id: "blue", label: "green", saved: "purple" } as const;

export default function MatchTag({ by }: { by: MatchedBy }) {
  const { t } = useImportText();
  if (!by) return null;
  return <Tag color={COLORS[by]} data-testid={`matched-${by}`}>{t(`by.${by}`)}</Tag>;
}
