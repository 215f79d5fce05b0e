/** Routes behind sign-in: without a token, go to the login page (coming back afterwards); with
 * one, the pages render once the plugins' browser modules are in (plugins/PluginGate.tsx). */
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { tokens } from "../api/client";
import PluginGate from "../plugins/PluginGate";

export default function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (!tokens.access()) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  return <PluginGate>{children}</PluginGate>;
}
