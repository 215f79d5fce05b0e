/** The saved views of the current app (shared and the user's own), shared by the menu and the grid. */
import { createContext, useContext, type ReactNode } from "react";
import { api } from "../api/client";
import type { ViewDef } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { takeViews } from "../api/pageLoad";

interface Views {
  views: ViewDef[];
  loading: boolean;
  reload: () => void;
}

const ViewsContext = createContext<Views>({ views: [], loading: false, reload: () => undefined });

export function ViewsProvider({ app, children }: { app: string; children: ReactNode }) {
  // the page load's bootstrap request brought them along (taken once; a reload asks again)
  const { data, loading, reload } = useAsync(() => (app ? takeViews(app) ?? api.views(app) : Promise.resolve([])), [app]);
  return <ViewsContext.Provider value={{ views: data ?? [], loading, reload }}>{children}</ViewsContext.Provider>;
}

export function useViews(): Views {
  return useContext(ViewsContext);
}
