import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { StatsDay } from '../api/types';
import { plural } from '../lib/format';

const HEIGHT = 140;
const AXIS = 22;
const LEFT = 30;
const MIN_SLOT = 8;

function dayLabel(date: string) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** The width the chart has, followed as the window changes, so text is never stretched. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Succeeded and failed runs per day, as stacked bars; failures also hatched, not only red. */
export function RunsChart({ days }: { days: StatsDay[] }) {
  const patternId = useId();
  const [box, available] = useWidth();
  const totals = days.reduce((sum, day) => ({ succeeded: sum.succeeded + day.succeeded, failed: sum.failed + day.failed, cancelled: sum.cancelled + day.cancelled }), { succeeded: 0, failed: 0, cancelled: 0 });
  const max = Math.max(1, ...days.map((day) => day.succeeded + day.failed + day.cancelled));
  const top = niceCeiling(max);
  // Drawn in real pixels of the space it has (scrolling below 8 px a day).
  const width = Math.max(available, LEFT + days.length * MIN_SLOT + 4);
  const slot = (width - LEFT - 4) / Math.max(1, days.length);
  const barWidth = Math.max(4, Math.min(28, slot - 6));
  const scale = (value: number) => (value / top) * (HEIGHT - AXIS - 8);
  const summary = `Last ${days.length} days: ${plural(totals.succeeded, 'run')} succeeded, ${totals.failed} failed, ${totals.cancelled} cancelled.`;
  const busyDays = days.filter((day) => day.succeeded + day.failed + day.cancelled > 0);

  return (
    <figure className="chart">
      <div ref={box} className="chart-scroll">
        {available > 0 && (
          <svg width={width} height={HEIGHT} role="img" aria-label={summary}>
            <defs>
              <pattern id={patternId} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="5" height="5" fill="#d9483b" />
                <line x1="0" y1="0" x2="0" y2="5" stroke="#a3241a" strokeWidth="2.2" />
              </pattern>
            </defs>
            {[0, 0.5, 1].map((fraction) => {
              const y = HEIGHT - AXIS - scale(top * fraction);
              return (
                <g key={fraction}>
                  <line x1={LEFT} x2={width} y1={y} y2={y} stroke="#e3e7ed" />
                  <text x={LEFT - 6} y={y + 4} textAnchor="end" fontSize="10" fill="#7c8595">
                    {Math.round(top * fraction)}
                  </text>
                </g>
              );
            })}
            {days.map((day, index) => {
              const middle = LEFT + index * slot + slot / 2 + 2;
              const x = middle - barWidth / 2;
              let y = HEIGHT - AXIS;
              const segments = [
                { value: day.succeeded, fill: '#2f9e5b', key: 'ok' },
                { value: day.failed, fill: `url(#${patternId})`, key: 'bad' },
                { value: day.cancelled, fill: '#a9b1bd', key: 'idle' },
              ];
              const last = index === days.length - 1;
              // Every seventh day is named, and the last one (today) unless the previous name is too close.
              const labelled = index % 7 === 0 || (last && (index % 7) * slot >= 64);
              return (
                <g key={day.date}>
                  <title>{`${dayLabel(day.date)}: ${day.succeeded} succeeded, ${day.failed} failed, ${day.cancelled} cancelled`}</title>
                  <rect x={middle - slot / 2} y={8} width={slot} height={HEIGHT - AXIS - 8} fill="transparent" />
                  {segments.map((segment) => {
                    if (segment.value === 0) return null;
                    const h = Math.max(2, scale(segment.value));
                    y -= h;
                    return <rect key={segment.key} x={x} y={y} width={barWidth} height={h} fill={segment.fill} rx="2" />;
                  })}
                  {labelled && (
                    <text x={last ? Math.min(middle, width - 2) : middle} y={HEIGHT - 6} textAnchor={last ? 'end' : 'middle'} fontSize="10" fill="#7c8595">
                      {dayLabel(day.date)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <figcaption className="chart-legend small">
        <span className="legend-item">
          <span className="legend-swatch legend-ok" aria-hidden /> Succeeded ({totals.succeeded})
        </span>
        <span className="legend-item">
          <span className="legend-swatch legend-bad" aria-hidden /> Failed ({totals.failed})
        </span>
        <span className="legend-item">
          <span className="legend-swatch legend-idle" aria-hidden /> Cancelled ({totals.cancelled})
        </span>
      </figcaption>
      {busyDays.length > 0 && (
        // The bars in words, for screen readers: only the days that had runs.
        <table className="visually-hidden">
          <caption>Runs per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Succeeded</th>
              <th scope="col">Failed</th>
              <th scope="col">Cancelled</th>
            </tr>
          </thead>
          <tbody>
            {busyDays.map((day) => (
              <tr key={day.date}>
                <th scope="row">{dayLabel(day.date)}</th>
                <td>{day.succeeded}</td>
                <td>{day.failed}</td>
                <td>{day.cancelled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

function niceCeiling(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
