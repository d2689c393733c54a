import { EVENT_KINDS, type EventKind, type EventStatus } from '@watchfloor/shared/ingest';

/** Kinds and statuses are stored as small integers; these are the only translations. */
export const kindCode = (kind: EventKind): number => EVENT_KINDS.indexOf(kind) + 1;
export const kindFromCode = (code: number): EventKind => EVENT_KINDS[code - 1] ?? 'log';
export const statusCode = (status: EventStatus): number => (status === 'error' ? 1 : 0);
export const statusFromCode = (code: number): EventStatus => (code === 1 ? 'error' : 'ok');

export const TRAFFIC_KIND_CODES = [kindCode('request'), kindCode('job')];
export const HEARTBEAT_CODE = kindCode('heartbeat');
export const ALERT_CODE = kindCode('alert');
