/** Whether the screen is phone-sized: narrower than antd's `md` breakpoint (768 px). The first
 * render already knows (read from the media query), so a page never draws its desktop form and
 * asks for its data twice before switching. */
import { Grid } from "antd";

const DESKTOP_QUERY = "(min-width: 768px)";

/** Whether the screen is phone-sized now (outside a component). */
export function isPhone(): boolean {
  return typeof window !== "undefined" && !window.matchMedia(DESKTOP_QUERY).matches;
}

export function usePhone(): boolean {
  const { md } = Grid.useBreakpoint();
  return md === undefined ? isPhone() : !md;
}
