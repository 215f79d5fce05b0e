/** The names of the app's message templates by key, for node summaries on the canvas
 * ("开户欢迎" rather than "welcome"). */
import { useMemo } from "react";
import { useAsync } from "../hooks/useAsync";
import type { Text } from "../api/types";
import { flowApi } from "./api";

export function useTemplateNames(app: string): Map<string, Text | null | undefined> {
  const { data } = useAsync(() => flowApi.templates(app), [app]);
  return useMemo(() => new Map((data ?? []).map((d) => [d.id, d.label])), [data]);
}
