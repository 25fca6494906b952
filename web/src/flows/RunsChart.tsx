import { useId } from 'react';
import type { StatsDay } from '../api/types';
import { plural } from '../lib/format';

const HEIGHT = 140;
const AXIS = 22;
const LEFT = 30;

function dayLabel(date: string) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Succeeded and failed runs per day, as stacked bars; failures also hatched, not only red. */
export function RunsChart({ days }: { days: StatsDay[] }) {
  const patternId = useId();
  const totals = days.reduce((sum, day) => ({ succeeded: sum.succeeded + day.succeeded, failed: sum.failed + day.failed, cancelled: sum.cancelled + day.cancelled }), { succeeded: 0, failed: 0, cancelled: 0 });
  const max = Math.max(1, ...days.map((day) => day.succeeded + day.failed + day.cancelled));
  const top = niceCeiling(max);
  const slot = 24;
  const width = LEFT + days.length * slot + 4;
  const scale = (value: number) => (value / top) * (HEIGHT - AXIS - 8);
  const summary = `Last ${days.length} days: ${plural(totals.succeeded, 'run')} succeeded, ${totals.failed} failed, ${totals.cancelled} cancelled.`;

  return (
    <figure className="chart">
      <div className="chart-scroll">
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" height={HEIGHT} preserveAspectRatio="none" role="img" aria-label={summary} style={{ minWidth: days.length * 8 + LEFT }}>
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
            const x = LEFT + index * slot + 4;
            const barWidth = slot - 8;
            let y = HEIGHT - AXIS;
            const segments = [
              { value: day.succeeded, fill: '#2f9e5b', key: 'ok' },
              { value: day.failed, fill: `url(#${patternId})`, key: 'bad' },
              { value: day.cancelled, fill: '#a9b1bd', key: 'idle' },
            ];
            return (
              <g key={day.date}>
                <title>{`${dayLabel(day.date)}: ${day.succeeded} succeeded, ${day.failed} failed, ${day.cancelled} cancelled`}</title>
                <rect x={x - 3} y={8} width={barWidth + 6} height={HEIGHT - AXIS - 8} fill="transparent" />
                {segments.map((segment) => {
                  if (segment.value === 0) return null;
                  const h = Math.max(2, scale(segment.value));
                  y -= h;
                  return <rect key={segment.key} x={x} y={y} width={barWidth} height={h} fill={segment.fill} rx="2" />;
                })}
                {index % 7 === 0 && (
                  <text x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="10" fill="#7c8595">
                    {dayLabel(day.date)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
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
    </figure>
  );
}

function niceCeiling(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
