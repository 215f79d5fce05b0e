/**
 * The BPMN drawing of the preview (BpmnExport.tsx), loaded on demand with `import()` so
 * bpmn-js and its styles stay out of the main bundle: a NavigatedViewer (pan, zoom) in a
 * container, the diagram fitted to it from its top left corner (again whenever the container changes size, as while
 * the drawer slides in), never smaller than MIN_SCALE: a long flow on a phone starts at its
 * beginning and pans.
 */
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";

const MIN_SCALE = 0.6;
const PAD = 24; // around the drawing, so labels past the shapes stay in view

export interface Drawn {
  /** Import notices (elements bpmn-js could not place), 0 for a clean export. */
  warnings: number;
  fit: () => void;
  destroy: () => void;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Canvas {
  viewbox: (box?: Box) => Box & { scale: number; inner: Box; outer: Box };
}

export async function draw(container: HTMLElement, xml: string): Promise<Drawn> {
  const viewer = new NavigatedViewer({ container });
  try {
    const { warnings } = await viewer.importXML(xml);
    const canvas = viewer.get<Canvas>("canvas");
    const fit = () => {
      if (!container.clientWidth || !container.clientHeight) return;
      const { inner, outer } = canvas.viewbox();
      const fitted = Math.min(1, outer.width / (inner.width + 2 * PAD), outer.height / (inner.height + 2 * PAD));
      const scale = Math.max(fitted, MIN_SCALE);
      canvas.viewbox({ x: inner.x - PAD, y: inner.y - PAD, width: outer.width / scale, height: outer.height / scale });
    };
    fit();
    const resized = new ResizeObserver(() => fit());
    resized.observe(container);
    return {
      warnings: warnings.length,
      fit,
      destroy: () => {
        resized.disconnect();
        viewer.destroy();
      },
    };
  } catch (err) {
    viewer.destroy();
    throw err;
  }
}
