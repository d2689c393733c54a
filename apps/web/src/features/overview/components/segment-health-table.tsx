import { useNavigate } from 'react-router';
import { DrillLink } from '../../../components/drill-link.tsx';
import { HealthStatusBadge } from '../../../components/health-status.tsx';
import { markDrillClick } from '../../../lib/perf-marks.ts';
import type { SegmentHealthRow } from '../api/get-overview.ts';
import { toSegmentRows } from './segment-rows.ts';

interface Props {
  segments: readonly SegmentHealthRow[];
  segmentHref: (slug: string) => string;
  onSegmentIntent?: (slug: string) => void;
}

/**
 * Every segment's health for the window, worst first; a breach is marked in words, not only
 * colour. The segment name is the keyboard path down; a click anywhere on the row goes there too.
 */
export function SegmentHealthTable({ segments, segmentHref, onSegmentIntent }: Props) {
  const navigate = useNavigate();
  const rows = toSegmentRows(segments);
  if (rows.length === 0) return <p className="muted">No segments have reported yet.</p>;
  return (
    <table className="data-table segment-table">
      <caption>Segment health, worst first</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Segment</th>
          <th scope="col" className="num">Entities</th>
          <th scope="col" className="num">Rate</th>
          <th scope="col" className="num">Error ratio</th>
          <th scope="col" className="num">p95 / target</th>
          <th scope="col" className="num">Availability / SLO</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.slug}
            data-segment={row.slug}
            data-status={row.status}
            className="data-table__row--link"
            onClick={(event) => {
              if ((event.target as HTMLElement).closest('a')) return;
              markDrillClick('segment');
              void navigate(segmentHref(row.slug));
            }}
            onMouseEnter={() => onSegmentIntent?.(row.slug)}
          >
            <td>
              <HealthStatusBadge status={row.status} />
            </td>
            <th scope="row">
              <DrillLink to={segmentHref(row.slug)} level="segment" onIntent={() => onSegmentIntent?.(row.slug)} className="segment-table__name">
                {row.name}
              </DrillLink>
              <span className="segment-table__slug">{row.slug}</span>
              {row.owner && <span className="muted"> · {row.owner}</span>}
            </th>
            <td className="num">
              {row.entities}
              {row.silentEntities > 0 && (
                <span className="silent-count" data-silent="true">
                  <span aria-hidden="true"> ○</span> {row.silentEntities} silent
                </span>
              )}
            </td>
            <td className="num">{row.rate}</td>
            <td className="num">{row.errorRatio}</td>
            <td className="num">
              <span className={row.p95OverTarget ? 'breach' : undefined}>{row.p95}</span>
              <span className="muted"> / {row.p95Target}</span>
              {row.p95OverTarget && <span className="breach-word"> over</span>}
            </td>
            <td className="num">
              <span className={row.belowSlo ? 'breach' : undefined}>{row.availability}</span>
              <span className="muted"> / {row.slo}</span>
              {row.belowSlo && <span className="breach-word"> below</span>}
            </td>
            <td className="segment-table__reason">{row.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
