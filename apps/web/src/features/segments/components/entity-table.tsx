import type { EntityContribution } from '@watchfloor/shared/drilldown';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { DrillLink } from '../../../components/drill-link.tsx';
import { DrillRow } from '../../../components/drill-row.tsx';
import { SilentMarker } from '../../../components/health-status.tsx';
import { QualityBadge } from '../../../components/quality-badge.tsx';
import { Sparkline } from '../../../components/sparkline.tsx';
import type { Bounds } from '../../../lib/time-window.ts';
import { toEntityRows } from './entity-rows.ts';

const COLUMNS: readonly DataTableColumn[] = [
  { label: '#', numeric: true, priority: 'detail' },
  { label: 'Entity' },
  { label: 'Data', priority: 'detail' },
  { label: 'Requests', numeric: true, priority: 'detail' },
  { label: 'Errors', numeric: true, priority: 'detail' },
  { label: 'Error ratio', numeric: true },
  { label: 'p95 (previous)', numeric: true, priority: 'detail' },
  { label: 'Contribution', priority: 'detail' },
  { label: 'Requests and errors', priority: 'detail' },
];

interface Props {
  entities: readonly EntityContribution[];
  /** Bucket size of the sparklines (SegmentDetail.sparklineBucketMs). */
  sparklineBucketMs: number;
  window: Bounds;
  entityHref: (entityId: string) => string;
  onEntityIntent?: (entityId: string) => void;
}

/**
 * Entities ranked by how much of the segment's added errors and latency they caused. The entity
 * name is the keyboard path down; a click anywhere on the row goes there too.
 */
export function EntityTable({
  entities,
  sparklineBucketMs,
  window,
  entityHref,
  onEntityIntent,
}: Props) {
  const rows = toEntityRows(entities);
  if (rows.length === 0) return <p className="muted">This segment has no entities.</p>;
  return (
    <DataTable
      className="entity-table"
      caption="Entities ranked by contribution to this window's errors and latency"
      columns={COLUMNS}
    >
      {rows.map((row) => (
        <DrillRow
          key={row.id}
          to={entityHref(row.id)}
          level="entity"
          onIntent={() => onEntityIntent?.(row.id)}
          data-entity={row.id}
          data-flag={row.flag ?? 'none'}
          data-quality={row.quality.state}
        >
          <td className="num muted">{row.rank}</td>
          <th scope="row">
            <DrillLink
              to={entityHref(row.id)}
              level="entity"
              onIntent={() => onEntityIntent?.(row.id)}
              className="entity-table__id"
            >
              {row.id}
            </DrillLink>
            <span className="entity-table__meta">
              {row.kind}
              {row.state !== 'active' && ` · ${row.state}`}
            </span>
            {row.silent && <SilentMarker lastSeenAt={row.lastSeenAt} />}
          </th>
          <td className="entity-table__quality">
            <QualityBadge quality={row.quality} />
          </td>
          <td className="num">{row.requests}</td>
          <td className="num">
            {row.errors}
            {row.errorsAdded && <span className="entity-table__added">{row.errorsAdded}</span>}
          </td>
          <td className="num">
            {row.flag === 'errors' ? (
              <span className="breach">
                <span aria-hidden="true">✖ </span>
                {row.errorRatio} <span className="breach-word">high</span>
              </span>
            ) : (
              row.errorRatio
            )}
          </td>
          <td className="num">
            {row.p95} <span className="muted">({row.p95Previous})</span>
          </td>
          <td>
            <span className="contribution">
              <span className="contribution__bar" aria-hidden="true">
                <span style={{ width: `${Math.round(row.contributionShare * 100)}%` }} />
              </span>
              <span className="contribution__value">{row.contribution}</span>
            </span>
          </td>
          <td>
            <Sparkline
              points={row.sparkline}
              window={window}
              bucketMs={sparklineBucketMs}
              label={`Requests (grey) and errors (red) of ${row.id} over the window`}
            />
          </td>
        </DrillRow>
      ))}
    </DataTable>
  );
}
