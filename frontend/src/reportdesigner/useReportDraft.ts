/** A report being designed: loaded from its draft (or started new, once its form is picked),
 * changed by the designer's pure edits (model.ts), saved as the draft and published through
 * the definitions API; a refused save or publish leaves its problems (by JSON pointer) until
 * the next change. */
import { useCallback, useEffect, useState } from "react";
import { designerApi } from "./api";
import { fromDefinition, toDefinition, type ReportDef } from "./model";
import { problemsOf, type Problem } from "./problems";

export type Outcome = { ok: true; version?: number } | { ok: false; problems: Problem[]; error: unknown };

export function useReportDraft(app: string, key: string | undefined) {
  const [def, setDef] = useState<ReportDef | null>(null);
  const [stored, setStored] = useState(Boolean(key));
  const [dirty, setDirty] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const [taken, setTaken] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    const list = designerApi.list(app).catch(() => []);
    const draft = key ? designerApi.draft(app, key) : Promise.resolve(null);
    Promise.all([draft, list]).then(([body, items]) => {
      if (!live) return;
      setTaken(items.map((i) => i.id));
      if (key) {
        setDef(fromDefinition(body));
        setVersion(items.find((i) => i.id === key)?.published_version ?? null);
        setStored(true);
        setDirty(false);
      }
    }, (err: unknown) => { if (live) setLoadError(err); });
    return () => { live = false; };
  }, [app, key, tick]);

  const change = useCallback((edit: (d: ReportDef) => ReportDef) => {
    setDef((d) => (d ? edit(d) : d));
    setDirty(true);
    setProblems([]);
  }, []);

  /** A new report on its form, not yet stored. */
  const start = useCallback((fresh: ReportDef) => {
    setDef(fresh);
    setStored(false);
    setDirty(true);
  }, []);

  const save = useCallback(async (): Promise<Outcome> => {
    if (!def) return { ok: false, problems: [], error: null };
    try {
      await designerApi.save(app, def.id, toDefinition(def));
      setDirty(false);
      setStored(true);
      setProblems([]);
      return { ok: true };
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found);
      return { ok: false, problems: found, error };
    }
  }, [app, def]);

  const run = useCallback(async (what: "save" | "publish"): Promise<Outcome> => {
    setBusy(what);
    try {
      if (what === "save" || dirty || !stored) {
        const saved = await save();
        if (!saved.ok || what === "save") return saved;
      }
      const r = await designerApi.publish(app, def!.id);
      setVersion(r.version);
      setProblems([]);
      return { ok: true, version: r.version };
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found);
      return { ok: false, problems: found, error };
    } finally {
      setBusy(null);
    }
  }, [app, def, dirty, stored, save]);

  return {
    def, change, start, stored, dirty, version, taken, loadError, problems, busy,
    reload: () => setTick((t) => t + 1),
    save: () => run("save"),
    publish: () => run("publish"),
  };
}
