import type { ReactNode } from 'react';
import { QUALITY_RULES } from '@watchfloor/shared/quality';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { DrillLink } from '../../../components/drill-link.tsx';
import { DrillRow } from '../../../components/drill-row.tsx';
import { HealthStatusBadge } from '../../../components/health-status.tsx';
import { QualityBadge } from '../../../components/quality-badge.tsx';
import type { SegmentHealthRow } from '../api/get-overview.ts';
import { toSegmentRows } from './segment-rows.ts';

const NOW_MINUTES = QUALITY_RULES.nowWindowMs / 60_000;

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Now' },
  { label: 'Window' },
  { label: 'Segment' },
  { label: 'Entities', numeric: true, priority: 'detail' },
  { label: 'Rate', numeric: true, priority: 'detail' },
  { label: 'Error ratio', numeric: true, priority: 'detail' },
  { label: 'p95 / target', numeric: true, priority: 'detail' },
  { label: 'Availability / SLO', numeric: true, priority: 'detail' },
  { label: 'Data', priority: 'detail' },
  { label: 'Why', priority: 'detail' },
];

interface Props {
  segments: readonly SegmentHealthRow[];
  segmentHref: (slug: string) => string;
  onSegmentIntent?: (slug: string) => void;
  /** A line under the segment's reason (who acknowledged its incident). */
  segmentNote?: (slug: string) => ReactNode;
}

/**
 * Every segment's health now (the last 15 minutes) and over the window, worst now first, with how
 * far its data can be trusted; a breach is marked in words, not only colour. The segment name is
 * the keyboard path down; a click anywhere on the row goes there too.
 */
export function SegmentHealthTable({ segments, segmentHref, onSegmentIntent, segmentNote }: Props) {
  const rows = toSegmentRows(segments);
  if (rows.length === 0) return <p className="muted">No segments have reported yet.</p>;
  return (
    <DataTable
      className="segment-table"
      caption={`Segment health, worst now first (last ${NOW_MINUTES} minutes, then the window)`}
      columns={COLUMNS}
    >
      {rows.map((row) => (
        <DrillRow
          key={row.slug}
          to={segmentHref(row.slug)}
          level="segment"
          onIntent={() => onSegmentIntent?.(row.slug)}
          data-segment={row.slug}
          data-status={row.status}
          data-now={row.now?.status ?? 'none'}
          data-quality={row.quality.state}
        >
          <td data-col="now">
            {row.now ? (
              <HealthStatusBadge
                status={row.now.status}
                title={`Last ${NOW_MINUTES} minutes: ${row.now.reason}`}
              />
            ) : (
              <span
                className="muted"
                title="The window ends in the past, so there is no 'now' to show"
              >
                —<span className="sr-only">no now status: the window ends in the past</span>
              </span>
            )}
          </td>
          <td data-col="window">
            <HealthStatusBadge status={row.status} title={row.reason} />
          </td>
          <th scope="row">
            <DrillLink
              to={segmentHref(row.slug)}
              level="segment"
              onIntent={() => onSegmentIntent?.(row.slug)}
              className="segment-table__name"
            >
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
          <td className="segment-table__quality">
            <QualityBadge quality={row.quality} />
          </td>
          <td className="segment-table__reason">
            {row.now && row.now.status !== 'ok' && (
              <span className="segment-table__now-reason">
                Last {NOW_MINUTES} min: {row.now.reason}
              </span>
            )}
            <span>{row.now && row.now.status !== 'ok' ? `Window: ${row.reason}` : row.reason}</span>
            {segmentNote?.(row.slug)}
          </td>
        </DrillRow>
      ))}
    </DataTable>
  );
}
