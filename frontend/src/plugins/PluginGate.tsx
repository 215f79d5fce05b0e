/** Renders its children once the plugins' browser modules have loaded (or failed), so every
 * page finds the plugins' widgets and cells in the registries from its first render. The
 * modules are asked for at page load (main.tsx) beside the bootstrap, so this rarely waits. */
import { useEffect, useState, type ReactNode } from "react";
import { startPlugins } from "./start";

export default function PluginGate({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void startPlugins().then(() => { if (live) setReady(true); });
    return () => { live = false; };
  }, []);
  return ready ? <>{children}</> : null;
}
