/** How Alertmanager alerts are placed on the fleet, and how a silent alert pipeline is noticed. */
export interface AlertingConfig {
  /** Label names tried in order for the segment (first present wins). */
  segmentLabels: readonly string[];
  /** Label names tried in order for the entity (first present wins). */
  entityLabels: readonly string[];
  /** alertname of the always-firing heartbeat alert; it opens no episode. */
  heartbeatAlertname: string;
  /** A heartbeat quieter than this (after one was ever seen) is a quality reason. */
  heartbeatMaxSilenceMs: number;
}

export const DEFAULT_ALERTING_CONFIG: AlertingConfig = {
  segmentLabels: ['segment', 'service'],
  entityLabels: ['entity', 'instance'],
  heartbeatAlertname: 'Watchdog',
  heartbeatMaxSilenceMs: 5 * 60_000,
};
