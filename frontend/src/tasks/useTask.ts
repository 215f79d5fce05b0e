/** One task for its view: the task (GET /tasks/{id}), the form's field definitions when the caller
 * may read them (else the task's schema gives the fields), the fields as shown and the editable
 * values; a cc copy is marked read when opened. */
import { useEffect, useMemo } from "react";
import { metaCache } from "../api/cache";
import type { FormDef } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { taskApi } from "./api";
import { refreshPending } from "./pending";
import { editableValues, recordOf, shownFields } from "./taskFields";

export function useTask(id: number) {
  const loaded = useAsync(async () => {
    const task = await taskApi.get(id);
    let def: FormDef | null = null;
    if (task.form) def = await metaCache.form(task.app, task.form).catch(() => null);
    return { task, def };
  }, [id]);
  const task = loaded.data?.task;
  const def = loaded.data?.def ?? null;
  // the form's definition when the caller may read it, else the one the task carries (if any)
  const fields = useMemo(() => (task ? shownFields(task, def?.fields ?? task.field_defs) : []), [task, def]);
  const record = task ? recordOf(task) : null;
  const initial = useMemo(() => editableValues(fields, record), [fields, record]);

  useEffect(() => {
    if (task?.kind === "cc" && task.state === "cc") taskApi.act(task.id, "read").then(refreshPending, () => undefined);
  }, [task?.id, task?.kind, task?.state]);  // eslint-disable-line react-hooks/exhaustive-deps

  return { ...loaded, task, def, fields, record, initial };
}
