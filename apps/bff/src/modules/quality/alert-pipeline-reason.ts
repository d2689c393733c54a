import type { QualityReason } from '@watchfloor/shared/quality';
import type { Queryable } from '../../db/pool.ts';
import { DEFAULT_ALERTING_CONFIG, type AlertingConfig } from '../alerts/alerting-config.ts';
import { lastHeartbeat } from '../alerts/alert-heartbeats.repository.ts';
import { utcClock } from '@watchfloor/shared/utc-text';

/** The heartbeat alert as last seen, judged against its allowed silence (database clock). */
export interface AlertHeartbeatState {
  name: string;
  lastReceivedAt: number;
  silentForMs: number;
  maxSilenceMs: number;
}

/** The configured heartbeat as last seen, or null when it never arrived (no pipeline to judge). */
export async function readAlertHeartbeat(
  conn: Queryable,
  alerting: Partial<AlertingConfig> = {},
): Promise<AlertHeartbeatState | null> {
  const config = { ...DEFAULT_ALERTING_CONFIG, ...alerting };
  const seen = await lastHeartbeat(conn, config.heartbeatAlertname);
  return (
    seen && { name: config.heartbeatAlertname, ...seen, maxSilenceMs: config.heartbeatMaxSilenceMs }
  );
}

/**
 * A heartbeat that stopped arriving means alerts may be firing unseen: no band on a chart is then
 * no evidence that nothing alerted. A heartbeat never seen says nothing (no pipeline is pointed
 * here), so it is no reason.
 */
export function alertPipelineReason(heartbeat: AlertHeartbeatState | null): QualityReason | null {
  if (!heartbeat || heartbeat.silentForMs <= heartbeat.maxSilenceMs) return null;
  const minutes = Math.floor(heartbeat.silentForMs / 60_000);
  return {
    code: 'alert_pipeline_silent',
    severity: 'degraded',
    message: `Alert pipeline silent since ${utcClock(heartbeat.lastReceivedAt, heartbeat.lastReceivedAt + heartbeat.silentForMs)}: no ${heartbeat.name} heartbeat for ${minutes} min, so the absence of alert bands says nothing.`,
  };
}
