/** Starts loading the plugins' browser modules: the host (plugins/host.ts, with the antd parts
 * it lends) is a chunk of its own, fetched beside the bootstrap, so the main bundle does not
 * grow. The host loads the modules once per page load (asking again after a failed list). */
let host: Promise<typeof import("./host")> | null = null;

export function startPlugins(): Promise<string[]> {
  host ??= import("./host");
  return host.then((h) => h.loadPlugins(), (err: unknown) => {
    host = null;
    console.warn("the plugin host did not load", err);
    return [];
  });
}
