import { useState } from 'react';
import type { Incident } from '@watchfloor/shared/trends/api';
import { Panel } from '../../../components/panel.tsx';
import { QualityBanner } from '../../../components/quality-banner.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { StockChart } from '../../../components/stock-chart.tsx';
import { formatDateTime, formatPercent } from '../../../lib/format.ts';
import { useTrends, type TrendsSelection } from '../api/get-trends.ts';
import { availabilityChartOptions, burnDownChartOptions } from '../charts/trend-chart-options.ts';
import { ActionsTable } from './actions-table.tsx';
import { BurnAlertsTable } from './burn-alerts-table.tsx';
import { CsvButton } from './csv-button.tsx';
import { DefinitionsList } from './definitions-list.tsx';
import { IncidentsTable } from './incidents-table.tsx';
import { SegmentTrendsTable } from './segment-trends-table.tsx';
import {
  ACTION_CSV_HEADER,
  ALERT_CSV_HEADER,
  INCIDENT_CSV_HEADER,
  SEGMENT_CSV_HEADER,
  actionCsvRows,
  alertCsvRows,
  bySpentBudget,
  incidentCsvRows,
  periodWords,
  segmentCsvRows,
} from './trend-rows.ts';

const PRESETS = ['7d', '30d', '90d'] as const;

interface Props {
  selection: TrendsSelection;
  onSelect: (selection: TrendsSelection) => void;
  /** Where an incident opens: the segment drill-down at the incident's window. */
  incidentLink: (incident: Incident) => string;
}

/** Stability trends for managers: SLOs, error budgets, burn-rate alerts, incidents and actions. */
export function TrendsPage({ selection, onSelect, incidentLink }: Props) {
  const query = useTrends(selection);
  const data = query.data?.data;
  const segments = data ? bySpentBudget(data.segments) : [];
  const [chartSegment, setChartSegment] = useState<string | null>(null);
  const shown = segments.find((s) => s.slug === chartSegment) ?? segments[0];
  const stamp = data
    ? `${new Date(data.window.from).toISOString().slice(0, 10)}_${new Date(data.window.to).toISOString().slice(0, 10)}`
    : '';

  return (
    <div className="page" style={{ display: 'grid', gap: '1rem' }}>
      <header className="panel__head">
        <h1 style={{ margin: 0 }}>Stability trends</h1>
        <nav aria-label="Period" className="panel__actions">
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              className="button"
              aria-pressed={selection.period === p}
              onClick={() => onSelect({ period: p })}
            >
              {p === '7d' ? '7 days' : p === '30d' ? '30 days' : '90 days'}
            </button>
          ))}
          {data && (
            <span className="summary__note">
              {formatDateTime(data.window.from)} – {formatDateTime(data.window.to)}; compared with
              the {periodWords(data.window.to - data.window.from)} before
            </span>
          )}
        </nav>
      </header>
      {query.error && <ErrorMessage error={query.error} what="Trends" />}
      {query.isPending && <p className="loading">Loading trends…</p>}
      {query.data && <QualityBanner quality={query.data.quality} />}
      {data && (
        <>
          <Panel
            title="SLO by segment"
            actions={
              <CsvButton
                name={`slo-by-segment_${stamp}`}
                header={SEGMENT_CSV_HEADER}
                rows={() => segmentCsvRows(segments)}
              />
            }
          >
            <SegmentTrendsTable segments={segments} periodMs={data.window.to - data.window.from} />
          </Panel>
          <Panel
            title="Burn-rate alerts"
            actions={
              <CsvButton
                name={`burn-rate-alerts_${stamp}`}
                header={ALERT_CSV_HEADER}
                rows={() => alertCsvRows(segments)}
              />
            }
          >
            <p className="panel__hint">Evaluated at {formatDateTime(data.alertsAt)}.</p>
            <BurnAlertsTable segments={segments} />
          </Panel>
          <Panel
            title="Incidents"
            actions={
              <CsvButton
                name={`incidents_${stamp}`}
                header={INCIDENT_CSV_HEADER}
                rows={() => incidentCsvRows(data.incidents)}
              />
            }
          >
            <IncidentsTable incidents={data.incidents} linkTo={incidentLink} />
          </Panel>
          <Panel title="Error budget burn-down">
            <StockChart
              label="Error budget burn-down"
              options={burnDownChartOptions(segments, data.window)}
            />
          </Panel>
          {shown && (
            <Panel
              title="Daily availability"
              actions={
                <label>
                  Segment{' '}
                  <select value={shown.slug} onChange={(e) => setChartSegment(e.target.value)}>
                    {segments.map((s) => (
                      <option key={s.slug} value={s.slug}>
                        {s.slug}
                      </option>
                    ))}
                  </select>
                </label>
              }
            >
              <p className="panel__hint">
                {shown.name}: {formatPercent(shown.current.availability, 3)} over the period against
                an SLO of {formatPercent(shown.slo.availability, 2)}.
              </p>
              <StockChart
                label={`Daily availability of ${shown.slug}`}
                options={availabilityChartOptions(shown, data.window)}
              />
            </Panel>
          )}
          <Panel
            title="Control actions per week"
            actions={
              <CsvButton
                name={`actions-per-week_${stamp}`}
                header={ACTION_CSV_HEADER}
                rows={() => actionCsvRows(data.actions)}
              />
            }
          >
            <p className="panel__hint">
              {data.actions.current.total} actions in this period ({data.actions.previous.total} in
              the previous one).
            </p>
            <ActionsTable actions={data.actions} />
          </Panel>
          <Panel title="Definitions">
            <DefinitionsList />
          </Panel>
        </>
      )}
    </div>
  );
}
