/** The rating plugin's browser module: registers the `rating` widget and cell with the host
 * (window.Trellis, see frontend/src/plugins/host.ts in the Trellis repository). Filtering needs
 * nothing here: the server's field type declares its operators (traits). */
import RatingCell from "./RatingCell";
import RatingWidget from "./RatingWidget";

window.Trellis!.register({ widgets: { rating: RatingWidget }, cells: { rating: RatingCell } });

declare global {
  interface Window {
    Trellis?: { register: (entries: Record<string, Record<string, unknown>>) => void };
  }
}
