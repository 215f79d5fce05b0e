/** The editor's state and its server calls: the draft and the published version, the types,
 * unsaved changes, problems (a save's 422, the publish preview's, a refused publish's),
 * save / check / publish / restore. */
import { App as AntApp } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ApiError, errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import type { Flow, FlowTypes, Problem } from "./types";
import { useLeaveWarning } from "../hooks/useLeaveWarning";

export type Busy = "save" | "publish" | "check" | null;

const problemsOf = (err: unknown): Problem[] | null =>
  err instanceof ApiError && err.status === 422 && err.errors.length ? (err.errors as unknown as Problem[]) : null;

export function useFlowEditor(app: string, key: string) {
  const { t } = useFlowText();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [flow, setFlow] = useState<Flow | null>(null);
  const [types, setTypes] = useState<FlowTypes | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dirty, setDirty] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState<Busy>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [draft, kinds, list] = await Promise.all([flowApi.draft(app, key), flowApi.types(),
        flowApi.definitions(app).catch(() => [])]);
      setFlow({ ...draft, steps: draft.steps ?? [] });
      setTypes(kinds);
      setVersion(list.find((d) => d.id === key)?.published_version ?? null);
      setDirty(false);
    } catch (err) {
      setLoadError(err);
    }
  }, [app, key]);
  useEffect(() => { void load(); }, [load]);
  useLeaveWarning(dirty);

  const change = useCallback((next: Flow) => {
    setFlow(next);
    setDirty(true);
  }, []);

  const save = async (): Promise<boolean> => {
    if (!flow) return false;
    try {
      const saved = await flowApi.save(app, key, flow);
      setFlow(saved ? { ...saved, steps: saved.steps ?? [] } : flow);
      setDirty(false);
      return true;
    } catch (err) {
      const found = problemsOf(err);
      if (found) setProblems(found);
      message.error(errorText(err, lang));
      return false;
    }
  };
  const run = async (which: Busy, work: () => Promise<void>) => {
    setBusy(which);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };
  const onSave = () => run("save", async () => {
    if (await save()) {
      setProblems([]);
      message.success(t("editor.saved"));
    }
  });
  const onCheck = () => run("check", async () => {
    if (!(await save())) return;
    try {
      const preview = await flowApi.preview(app, key);
      setProblems(preview.problems ?? []);
      if (!preview.problems?.length) message.success(t("editor.checkOk"));
    } catch (err) {
      if (err instanceof ApiError && err.code === "no_preview") { // the saved draft passed the shape checks
        setProblems([]);
        message.success(t("editor.checkOk"));
      } else {
        message.error(errorText(err, lang));
      }
    }
  });
  const onPublish = () => run("publish", async () => {
    if (dirty && !(await save())) return;
    try {
      const preview = await flowApi.preview(app, key).catch(() => null);
      if (preview && preview.publishable === false) {
        setProblems(preview.problems ?? []);
        message.error(t("editor.publishFailed"));
        return;
      }
      const r = await flowApi.publish(app, key);
      setVersion(r.version);
      setProblems(preview?.problems ?? []);
      message.success(t("editor.published", { v: r.version }));
    } catch (err) {
      const found = problemsOf(err);
      if (found) {
        setProblems(found);
        message.error(t("editor.publishFailed"));
      } else {
        message.error(errorText(err, lang));
      }
    }
  });
  const onRestored = (draft: Flow | null, published: number | null) => {
    if (draft) setFlow({ ...draft, steps: draft.steps ?? [] });
    if (published) {
      setVersion(published);
      void load();
    }
    setDirty(false);
    setProblems([]);
  };

  return { flow, types, loadError, load, dirty, version, problems, busy, change, onSave, onCheck, onPublish, onRestored };
}
