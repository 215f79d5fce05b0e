/** Screen widths the flow designer adapts to. */

/** Below this width (px) the panels cover the whole screen instead of opening beside the canvas. */
export const NARROW = 768;
