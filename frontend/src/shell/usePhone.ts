/** Whether the screen is phone-sized: narrower than antd's `md` breakpoint (768 px). The first
 * render already knows (read from the media query), so a page never draws its desktop form and
 * asks for its data twice before switching. */
import { Grid } from "antd";

const DESKTOP_QUERY = "(min-width: 768px)";

export function usePhone(): boolean {
  const { md } = Grid.useBreakpoint();
  return md === undefined ? !window.matchMedia(DESKTOP_QUERY).matches : !md;
}
