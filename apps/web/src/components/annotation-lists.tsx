import { Link } from 'react-router';
import type { Annotation } from '@watchfloor/shared/annotations';
import { formatDateTime } from '../lib/format.ts';
import type { Bounds } from '../lib/time-window.ts';
import { alertRows, changeRows, type AlertRow, type ChangeRow } from './annotation-rows.ts';
import { DataTable, type DataTableColumn } from './data-table.tsx';
import { ExternalLink } from './external-link.tsx';
import { Panel } from './panel.tsx';

interface Props {
  annotations: readonly Annotation[];
  window: Bounds;
}

const CHANGE_COLUMNS: readonly DataTableColumn[] = [
  { label: 'When' },
  { label: 'Kind' },
  { label: 'What' },
  { label: 'Scope' },
  { label: 'Link' },
];

const ALERT_COLUMNS: readonly DataTableColumn[] = [
  { label: 'Started' },
  { label: 'Ended' },
  { label: 'Severity' },
  { label: 'Alert' },
  { label: 'Scope' },
  { label: 'Link' },
];

function ChangeLink({ row }: { row: ChangeRow }) {
  if (row.actionHref) return <Link to={row.actionHref}>Timeline</Link>;
  return (
    <ExternalLink href={row.url} label={`Open change ${row.title}`}>
      Open
    </ExternalLink>
  );
}

/** Changes and actions in the window, newest first: what a triage asks about first. */
export function WhatChangedList({ annotations, window }: Props) {
  const rows = changeRows(annotations, window);
  return (
    <Panel title="What changed" className="annotation-list">
      {rows.length === 0 ? (
        <p className="annotation-list__empty">No changes or actions in this window.</p>
      ) : (
        <DataTable label="What changed, newest first" columns={CHANGE_COLUMNS}>
          {rows.map((row) => (
            <tr key={row.key} data-change-kind={row.kind}>
              <td className="annotation-list__when">
                {formatDateTime(row.ts)}
                {row.endTs !== null && row.endTs !== row.ts && ` – ${formatDateTime(row.endTs)}`}
              </td>
              <td>
                <span className={`annotation-kind annotation-kind--${row.kind}`}>
                  {row.kindWord}
                </span>
              </td>
              <th scope="row" className="annotation-list__title">
                {row.title}
              </th>
              <td>{row.scope}</td>
              <td>
                <ChangeLink row={row} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

function AlertEnd({ row }: { row: AlertRow }) {
  if (row.firing) return <strong className="alert-firing">firing</strong>;
  return <>{row.end === null ? '—' : formatDateTime(row.end)}</>;
}

/**
 * Alert episodes in the window, newest first, each with a link to where it was evaluated. With a
 * `limit` (the fleet overview), the newest only and how many more there are.
 */
export function AlertsList({ annotations, window, limit }: Props & { limit?: number }) {
  const all = alertRows(annotations, window);
  const rows = limit === undefined ? all : all.slice(0, limit);
  return (
    <Panel title="Alerts" className="annotation-list">
      {rows.length === 0 ? (
        <p className="annotation-list__empty">No alerts fired in this window.</p>
      ) : (
        <DataTable label="Alerts, newest first" columns={ALERT_COLUMNS}>
          {rows.map((row) => (
            <tr key={row.key} data-alert-state={row.firing ? 'firing' : 'resolved'}>
              <td className="annotation-list__when">{formatDateTime(row.start)}</td>
              <td className="annotation-list__when">
                <AlertEnd row={row} />
              </td>
              <td>{row.severity ?? '—'}</td>
              <th scope="row" className="annotation-list__title">
                {row.title}
              </th>
              <td>{row.scope}</td>
              <td>
                <ExternalLink href={row.url} label={`Source of alert ${row.title}`}>
                  Source
                </ExternalLink>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {all.length > rows.length && (
        <p className="annotation-list__empty">
          {all.length - rows.length} more in this window: open a segment to see them.
        </p>
      )}
    </Panel>
  );
}

/** "What changed" and "Alerts" side by side under a chart. */
export function AnnotationLists(props: Props) {
  return (
    <div className="annotation-lists">
      <WhatChangedList {...props} />
      <AlertsList {...props} />
    </div>
  );
}
