import { useLayoutEffect, useMemo, useRef } from 'react';
import type { WorkflowDefinition } from '../api/types';
import { formatDuration } from '../lib/format';
import { RunStatusIcon, runStatusLook } from '../ui/Status';
import { actionIcon } from './action-icon';
import { HEADER_HEIGHT, layoutGraph, type PlacedNode } from './layout';
import { readGraphModel } from './model';
import type { ActionOverlay } from './run-overlay';
import { useGraphZoom, ZoomControls } from './zoom';
import './graph.css';

interface FlowGraphProps {
  definition: WorkflowDefinition;
  /** A run's statuses per action name; absent when showing the definition alone. */
  overlay?: Map<string, ActionOverlay>;
  selected?: string | null;
  onSelect?: (name: string) => void;
  label?: string;
}

/**
 * The definition as cards: triggers on top, actions in layers below the ones they run
 * after, containers as boxes around their branches. Cards are buttons in reading order,
 * so the graph is usable with Tab and Enter alone.
 */
export function FlowGraph({ definition, overlay, selected, onSelect, label = 'Flow graph' }: FlowGraphProps) {
  const layout = useMemo(() => layoutGraph(readGraphModel(definition)), [definition]);
  const scroller = useRef<HTMLDivElement>(null);
  const zooming = useGraphZoom(scroller, layout.width);
  const { zoom } = zooming;

  // A graph wider than the screen opens centred on its first card, not on its left edge.
  useLayoutEffect(() => {
    const element = scroller.current;
    const first = layout.nodes[0];
    if (!element || !first || element.scrollWidth <= element.clientWidth) return;
    element.scrollLeft = (first.x + first.width / 2) * zoom - element.clientWidth / 2 + 16;
  }, [layout, zoom]);

  if (layout.nodes.length === 0) return <p className="muted">This definition has no triggers or actions yet.</p>;

  return (
    <div className="graph">
      <ZoomControls {...zooming} />
      <div ref={scroller} className="graph-scroll" role="group" aria-label={label}>
        <div className="graph-sizer" style={{ width: layout.width * zoom, height: layout.height * zoom }}>
          <div className="graph-canvas" style={{ width: layout.width, height: layout.height, transform: zoom === 1 ? undefined : `scale(${zoom})` }}>
            {layout.nodes
              .filter((node) => node.kind === 'container')
              .map((node) => (
                <div key={`box-${node.id}`} className={`graph-container depth-${node.depth % 3}`} style={box(node)} data-status={overlay?.get(node.name)?.status} />
              ))}
            {/* The unnamed body of a Scope, Foreach or Until needs no frame of its own: its box is one. */}
            {layout.branches
              .filter((branch) => branch.label !== null || branch.empty)
              .map((branch) => (
                <div key={branch.id} className="graph-branch" style={{ left: branch.x, top: branch.y, width: branch.width, height: branch.height }}>
                  {branch.label && <span className="graph-branch-label">{branch.label}</span>}
                  {branch.empty && <span className="graph-branch-empty">No actions</span>}
                </div>
              ))}
            <svg className="graph-edges" width={layout.width} height={layout.height} aria-hidden focusable="false">
              <defs>
                <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a94a6" />
                </marker>
              </defs>
              {layout.edges.map((edge) => (
                <path key={edge.id} d={edge.path} className={edge.label ? 'graph-edge graph-edge-conditional' : 'graph-edge'} markerEnd="url(#graph-arrow)" />
              ))}
            </svg>
            {layout.edges
              .filter((edge) => edge.label)
              .map((edge) => (
                <span key={`label-${edge.id}`} className="graph-edge-label" style={{ left: edge.labelX, top: edge.labelY }}>
                  {edge.label}
                </span>
              ))}
            {layout.nodes.map((node) => (
              <GraphCard key={node.id} node={node} overlay={node.kind === 'trigger' ? undefined : overlay?.get(node.name)} running={overlay !== undefined} selected={selected === node.name} onSelect={onSelect} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

function box(node: PlacedNode) {
  return { left: node.x, top: node.y, width: node.width, height: node.height };
}

interface GraphCardProps {
  node: PlacedNode;
  overlay: ActionOverlay | undefined;
  running: boolean;
  selected: boolean;
  onSelect: ((name: string) => void) | undefined;
}

function GraphCard({ node, overlay, running, selected, onSelect }: GraphCardProps) {
  const Icon = actionIcon(node.type);
  const isContainer = node.kind === 'container';
  const style = isContainer ? { left: node.x, top: node.y, width: node.width, height: HEADER_HEIGHT - 8 } : box(node);
  const status = overlay ? runStatusLook(overlay.status).label : running && node.kind !== 'trigger' ? 'Not run' : null;
  const times = overlay && overlay.count > 1 ? `${overlay.count} times` : null;
  const duration = overlay && overlay.durationMs !== null && overlay.status !== 'Skipped' ? formatDuration(overlay.durationMs) : null;
  const accessibleName = [node.name, node.kind === 'trigger' ? `trigger, ${node.type}` : node.type, status, times, duration]
    .filter(Boolean)
    .join(', ');
  const className = `graph-card graph-card-${node.kind}${selected ? ' graph-card-selected' : ''}${running && !overlay && node.kind !== 'trigger' ? ' graph-card-unrun' : ''}`;
  const content = (
    <>
      <span className="graph-card-icon">
        <Icon size={17} aria-hidden />
      </span>
      <span className="graph-card-text">
        <span className="graph-card-name">{node.name}</span>
        <span className="graph-card-type">{node.kind === 'trigger' ? `Trigger · ${node.type}` : node.type}</span>
      </span>
      {overlay && (
        <span className="graph-card-status">
          <RunStatusIcon status={overlay.status} />
          {(duration || times) && (
            <span className="graph-card-duration">
              {duration}
              {times && ` ×${overlay.count}`}
            </span>
          )}
        </span>
      )}
    </>
  );
  const data = { 'data-status': overlay?.status, 'data-action': node.name, title: node.name };
  if (!onSelect || node.kind === 'trigger')
    return (
      <div className={className} style={style} aria-label={accessibleName} role="img" {...data}>
        {content}
      </div>
    );
  return (
    <button type="button" className={className} style={style} aria-label={accessibleName} aria-pressed={selected} onClick={() => onSelect(node.name)} {...data}>
      {content}
    </button>
  );
}
