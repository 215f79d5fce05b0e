/**
 * The BPMN drawing of the preview (BpmnExport.tsx), loaded on demand with `import()` so
 * bpmn-js and its styles stay out of the main bundle: a NavigatedViewer (pan, zoom) in a
 * container, the diagram fitted to it.
 */
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";

export interface Drawn {
  /** Import notices (elements bpmn-js could not place), 0 for a clean export. */
  warnings: number;
  fit: () => void;
  destroy: () => void;
}

interface Canvas {
  zoom: (level: string) => void;
}

export async function draw(container: HTMLElement, xml: string): Promise<Drawn> {
  const viewer = new NavigatedViewer({ container });
  try {
    const { warnings } = await viewer.importXML(xml);
    const canvas = viewer.get<Canvas>("canvas");
    const fit = () => canvas.zoom("fit-viewport");
    fit();
    return { warnings: warnings.length, fit, destroy: () => viewer.destroy() };
  } catch (err) {
    viewer.destroy();
    throw err;
  }
}
