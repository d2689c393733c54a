import { z } from 'zod';
import {
  ApproveRequestSchema,
  ActionListQuerySchema,
  ProposeActionRequestSchema,
  RejectRequestSchema,
} from '@watchfloor/shared/actions/api';
import { AuditQuerySchema } from '@watchfloor/shared/actions/audit';
import { LoginRequestSchema } from '@watchfloor/shared/auth';
import { SeriesQuerySchema } from '@watchfloor/shared/drilldown';
import { EventsQuerySchema } from '@watchfloor/shared/events';
import { INGEST_MAX_BYTES, IngestEventSchema, SlugSchema } from '@watchfloor/shared/ingest';
import { TimeWindowQuerySchema } from '@watchfloor/shared/time-window';
import { TrendsQuerySchema } from '@watchfloor/shared/trends/api';
import { ChangeEventSchema } from '@watchfloor/shared/telemetry/changes';
import {
  AlertmanagerAlertSchema,
  AlertmanagerWebhookSchema,
} from '@watchfloor/shared/telemetry/alertmanager';
import { ROUTE_PERMISSIONS, type Access } from '../../modules/auth/route-permissions.ts';
import { ALERTMANAGER_MAX_BYTES } from '../../modules/alerts/alertmanager.routes.ts';
import { CHANGES_MAX_BYTES } from '../../modules/changes/changes.routes.ts';
import { OTLP_MAX_BYTES } from '../../modules/otlp/otlp-body.ts';

/** What the proof knows about one route of the table: the shared schemas of its input. */
export interface CatalogueRoute {
  key: string;
  method: string;
  template: string;
  access: Access;
  query: readonly z.ZodType[];
  body: z.ZodType | null;
  /** Largest body the route reads before it answers 413. */
  bodyLimit: number;
  /** What a 4xx/5xx answer carries: the API's error envelope, or OTLP's google.rpc.Status. */
  errorBody: ErrorBody;
}

export type ErrorBody = 'envelope' | 'otlp-status';

/** OTLP/HTTP answers errors as google.rpc.Status in the request's encoding; the API as its envelope. */
export const errorBodyOf = (path: string): ErrorBody =>
  path.startsWith('/v1/') ? 'otlp-status' : 'envelope';

const API_BODY_LIMIT = 64 * 1024;
/** Routes with their own body limit; every other mutation takes the API's 64 KiB. */
const BODY_LIMITS: Record<string, number> = {
  'POST /api/v1/ingest/events': INGEST_MAX_BYTES,
  'POST /api/v1/ingest/changes': CHANGES_MAX_BYTES,
  'POST /api/v1/ingest/alertmanager': ALERTMANAGER_MAX_BYTES,
  'POST /v1/traces': OTLP_MAX_BYTES,
};

const NO_INPUT = z.object({});
const QUALITY_SCOPE = z.object({ segment: SlugSchema.optional(), entity: SlugSchema.optional() });

/** Input schemas by route key; a route of the table missing here is still fuzzed, with generic input. */
const INPUTS: Record<string, { query?: z.ZodType[]; body?: z.ZodType }> = {
  'POST /api/v1/auth/login': { body: LoginRequestSchema },
  'POST /api/v1/auth/logout': { body: NO_INPUT },
  'GET /api/v1/me': {},
  'POST /api/v1/ingest/events': { body: z.object({ events: z.array(IngestEventSchema) }) },
  'POST /api/v1/ingest/changes': { body: z.object({ changes: z.array(ChangeEventSchema) }) },
  'POST /api/v1/ingest/alertmanager': {
    body: AlertmanagerWebhookSchema.extend({ alerts: z.array(AlertmanagerAlertSchema) }),
  },
  'GET /api/v1/quality': { query: [TimeWindowQuerySchema, QUALITY_SCOPE] },
  'GET /api/v1/overview': { query: [TimeWindowQuerySchema] },
  'GET /api/v1/segments/:segmentId': { query: [TimeWindowQuerySchema] },
  'GET /api/v1/entities/:entityId': { query: [TimeWindowQuerySchema] },
  'GET /api/v1/series': { query: [TimeWindowQuerySchema, SeriesQuerySchema] },
  'GET /api/v1/events': { query: [TimeWindowQuerySchema, EventsQuerySchema] },
  'GET /api/v1/actions': { query: [ActionListQuerySchema] },
  'POST /api/v1/actions': { body: ProposeActionRequestSchema },
  'GET /api/v1/actions/:actionId': {},
  'POST /api/v1/actions/:actionId/approve': { body: ApproveRequestSchema },
  'POST /api/v1/actions/:actionId/reject': { body: RejectRequestSchema },
  'POST /api/v1/actions/:actionId/cancel': { body: ApproveRequestSchema },
  'POST /api/v1/actions/:actionId/rollback': { body: ApproveRequestSchema },
  'GET /api/v1/audit': { query: [AuditQuerySchema] },
  'GET /api/v1/audit/verify': {},
  'GET /api/v1/trends': { query: [TrendsQuerySchema] },
};

/** Every route of the permission table, the one list of what the BFF serves under /api. */
export function catalogue(): CatalogueRoute[] {
  return Object.entries(ROUTE_PERMISSIONS).map(([key, access]) => {
    const [method, template] = key.split(' ') as [string, string];
    const inputs = INPUTS[key];
    return {
      key,
      method,
      template,
      access,
      query: inputs?.query ?? [],
      body: method === 'GET' ? null : (inputs?.body ?? z.unknown()),
      bodyLimit: BODY_LIMITS[key] ?? API_BODY_LIMIT,
      errorBody: errorBodyOf(template),
    };
  });
}

/** Route keys of the table the catalogue has no schemas for (reported, since their fuzz is generic). */
export const routesWithoutSchemas = () =>
  Object.keys(ROUTE_PERMISSIONS).filter((key) => !(key in INPUTS));

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
