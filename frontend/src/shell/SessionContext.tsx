/** Who is signed in (`GET /me`) and which apps they may open; signing out clears the caches. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, tokens } from "../api/client";
import { metaCache } from "../api/cache";
import type { AppInfo, Me } from "../api/types";
import { rememberUser } from "../registries/entities";
import { startSession, takeSession } from "../api/pageLoad";

interface Session {
  me: Me | null;
  apps: AppInfo[];
  loading: boolean;
  error: unknown;
  signedIn: boolean;
  refresh: () => void;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [apps, setApps] = useState<AppInfo[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const signedIn = Boolean(tokens.access());

  useEffect(() => {
    if (!tokens.access()) { setLoading(false); return; }
    let live = true;
    setLoading(true);
    // the department tree names departments in both languages wherever a record shows one;
    // the field types' traits are read synchronously by every page (api/fieldTypes.ts)
    const started = takeSession() ?? startSession();
    started.then(([who, list]) => {
      if (!live) return;
      if (who.id) rememberUser({ id: who.id, username: who.username, title: who.name });
      setMe(who);
      setApps(list);
      setError(undefined);
      setLoading(false);
    }, (err: unknown) => { if (live) { setError(err); setLoading(false); } });
    return () => { live = false; };
  }, [tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const logout = useCallback(() => {
    api.logout();
    metaCache.clear();
    setMe(null);
    setApps([]);
  }, []);

  return (
    <SessionContext.Provider value={{ me, apps, loading, error, signedIn, refresh, logout }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
