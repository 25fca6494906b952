// Zooming a graph wider than its space: a person can see the whole of a deeply nested
// definition at once (Fit), then come back to full size to read the cards.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { Maximize2, Minus, Plus } from 'lucide-react';

const STEPS = [0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1, 1.25];
const PADDING = 32; // the scroller's padding, both sides

export interface GraphZoom {
  zoom: number;
  /** The graph is wider than the space it has at full size. */
  overflows: boolean;
  fit: number;
  setZoom: (zoom: number) => void;
}

/** Follows the scroller's width; the zoom starts at 100 %. */
export function useGraphZoom(scroller: RefObject<HTMLDivElement | null>, graphWidth: number): GraphZoom {
  const [zoom, setZoom] = useState(1);
  const [space, setSpace] = useState(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setSpace(element.clientWidth);
    const observer = new ResizeObserver(() => setSpace(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller]);
  const room = Math.max(1, space - PADDING);
  const fit = Math.max(STEPS[0] ?? 0.3, Math.min(1, room / Math.max(1, graphWidth)));
  return { zoom, overflows: space > 0 && graphWidth > room, fit, setZoom };
}

/** − 75 % + Fit: shown only when the graph does not fit, or is zoomed. */
export function ZoomControls({ zoom, overflows, fit, setZoom }: GraphZoom) {
  if (!overflows && zoom === 1) return null;
  const smaller = [...STEPS].reverse().find((step) => step < zoom - 0.001);
  const larger = STEPS.find((step) => step > zoom + 0.001);
  return (
    <div className="graph-zoom" role="group" aria-label="Zoom">
      <button type="button" className="icon-button" aria-label="Zoom out" disabled={smaller === undefined} onClick={() => smaller !== undefined && setZoom(smaller)}>
        <Minus size={16} aria-hidden />
      </button>
      <button type="button" className="graph-zoom-level" aria-label={`Zoom ${Math.round(zoom * 100)} %, back to 100 %`} onClick={() => setZoom(1)}>
        {Math.round(zoom * 100)} %
      </button>
      <button type="button" className="icon-button" aria-label="Zoom in" disabled={larger === undefined} onClick={() => larger !== undefined && setZoom(larger)}>
        <Plus size={16} aria-hidden />
      </button>
      <button type="button" className="button button-small" aria-pressed={Math.abs(zoom - fit) < 0.001} onClick={() => setZoom(fit)}>
        <Maximize2 size={14} aria-hidden /> Fit
      </button>
    </div>
  );
}
