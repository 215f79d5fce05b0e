/** The live preview: a draft posted to the preview endpoint ~400 ms after its last change,
 * the last answer that came back for the latest draft kept (a slower, older one is dropped);
 * a refusal's problems (422, by JSON pointer) replace the answer's place until the draft
 * works again, when the last good figures stay shown as stale. */
import { useEffect, useRef, useState } from "react";
import type { Lang } from "../i18n";
import type { ReportResponse } from "../reports/types";
import { designerApi } from "./api";
import { problemsOf, type Problem } from "./problems";

export const PREVIEW_DELAY_MS = 400;

export interface PreviewState {
  response: ReportResponse | null;
  problems: Problem[];
  loading: boolean;
  /** the response is of an earlier draft (the latest one was refused) */
  stale: boolean;
}

export function usePreview(app: string, body: Record<string, unknown> | null, lang: Lang): PreviewState {
  const [state, setState] = useState<PreviewState>({ response: null, problems: [], loading: false, stale: false });
  const seq = useRef(0);
  const text = body ? JSON.stringify(body) : "";

  useEffect(() => {
    const mine = ++seq.current;
    if (!text) {
      setState((s) => ({ ...s, problems: [], loading: false, stale: false, response: null }));
      return undefined;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      designerApi.preview(app, JSON.parse(text) as Record<string, unknown>, lang).then(
        (response) => { if (mine === seq.current) setState({ response, problems: [], loading: false, stale: false }); },
        (err: unknown) => {
          if (mine === seq.current) setState((s) => ({ ...s, problems: problemsOf(err), loading: false, stale: s.response !== null }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [app, text, lang]);

  return state;
}
