import { z } from 'zod';
import { ActionTypeSchema } from '@watchfloor/shared/actions/catalogue';
import { DEMO_AUDIT_KEY } from './modules/audit/audit-hash.ts';
import { invalidHostEntries, parseAllowedHosts } from './http/allowed-hosts.ts';
import { oidcSettingsFromEnv, parseRoleMap, parseTeamMap } from './modules/auth/oidc-settings.ts';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((value) => value === '1' || value === 'true');

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, 'must name at least one label'));

const DEFAULT_SECRET = 'watchfloor-demo-secret-change-me';

/** A comma-separated list of URLs; empty when unset. */
const urlList = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url()));

/** `group:value,…` parsed by `parse`, whose error (naming the bad entry) becomes the variable's issue. */
const groupMap = <T>(parse: (text: string) => Map<string, T[]>) =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

const EnvSchema = z.object({
  MYSQL_URL: z.string().url(),
  /** Read-only routes spread over these (comma list of mysql URLs, e.g. cluster nodes); unset: MYSQL_URL serves them. */
  WATCHFLOOR_MYSQL_READ_URLS: urlList(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WATCHFLOOR_DEMO: flag.default(true),
  WATCHFLOOR_DEMO_PASSWORD: z.string().min(8).default('watchfloor'),
  WATCHFLOOR_INGEST_TOKEN: z.string().min(24).optional(),
  WATCHFLOOR_SECRET: z.string().min(16).default(DEFAULT_SECRET),
  WATCHFLOOR_WORKER: flag.default(true),
  WATCHFLOOR_SIMULATOR: flag.default(true),
  WATCHFLOOR_SIM_RATE: z.coerce.number().min(0).max(50_000).default(200),
  WATCHFLOOR_SEED: z.coerce.number().int().default(42),
  WATCHFLOOR_SEED_SCALE: z.coerce.number().positive().max(10).default(1),
  WATCHFLOOR_SEED_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  WATCHFLOOR_MAX_SEGMENTS: z.coerce.number().int().positive().default(1_000),
  WATCHFLOOR_MAX_ENTITIES: z.coerce.number().int().positive().default(20_000),
  WATCHFLOOR_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(400),
  WATCHFLOOR_DB_POOL_SIZE: z.coerce.number().int().positive().max(200).default(20),
  /** Server-side limit on each statement of the BFF's pool (max_statement_time / max_execution_time). */
  WATCHFLOOR_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** How long a request may wait for a pooled connection before it is refused with 503. */
  WATCHFLOOR_DB_QUEUE_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** Client-side deadline of every database call (default: the query timeout + 1 s); a frozen server then yields 503. */
  WATCHFLOOR_DB_CALL_DEADLINE_MS: z.coerce.number().int().positive().optional(),
  /** Per-user budgets per minute for action proposals and for decisions (approve, reject, cancel, rollback); over them: 429. */
  WATCHFLOOR_ACTION_PROPOSALS_PER_MINUTE: z.coerce.number().int().positive().default(60),
  WATCHFLOOR_ACTION_DECISIONS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** How long an answer of a drill-down or raw-events read is shared by identical requests (0: only while computing). */
  WATCHFLOOR_READ_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  WATCHFLOOR_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  /** Host names the server answers to (comma list; default: loopback names and HOST). Others get 421. */
  WATCHFLOOR_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : parseAllowedHosts(value)))
    .refine((hosts) => hosts === undefined || hosts.length > 0, 'must name at least one host')
    .refine(
      (hosts) => hosts === undefined || invalidHostEntries(hosts).length === 0,
      'entries must be host names (`name`, `name:port`, `.domain` or `*`), not URLs',
    ),
  /** Served over HTTPS (directly or behind a TLS proxy): Secure + __Host- cookies and HSTS. */
  WATCHFLOOR_HTTPS: flag.default(false),
  /** Password sign-in; 0 leaves only single sign-on (docs/sso.md). */
  WATCHFLOOR_LOCAL_LOGIN: flag.default(true),
  /** OpenID provider's issuer URL; set, single sign-on is on (docs/sso.md). */
  WATCHFLOOR_OIDC_ISSUER: z.string().url().optional(),
  WATCHFLOOR_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Unset: a public client (PKCE only). */
  WATCHFLOOR_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** This server's callback as the provider knows it: https://<host>/api/v1/auth/oidc/callback. */
  WATCHFLOOR_OIDC_REDIRECT_URL: z.string().url().optional(),
  WATCHFLOOR_OIDC_PROVIDER_NAME: z.string().min(1).max(40).default('single sign-on'),
  /** The ID-token claim listing the user's groups. */
  WATCHFLOOR_OIDC_ROLES_CLAIM: z.string().min(1).default('groups'),
  /** `group:role,group:role,…`: which groups grant which roles; a user with none is refused. */
  WATCHFLOOR_OIDC_ROLE_MAP: groupMap(parseRoleMap),
  /** `group:team,…` (`*`: every team): which groups belong to which teams; unset, SSO users are fleet-wide. */
  WATCHFLOOR_OIDC_TEAM_MAP: groupMap(parseTeamMap),
  /** Signs audit checkpoints; kept outside the database so truncating the audit tail is detectable. */
  WATCHFLOOR_AUDIT_KEY: z.string().min(16).default(DEMO_AUDIT_KEY),
  /** Append-only directory every audit checkpoint is also written to (one file each, never rewritten). */
  WATCHFLOOR_AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
  /** Optional collector every audit checkpoint is also POSTed to. */
  WATCHFLOOR_AUDIT_ANCHOR_URL: z.string().url().optional(),
  /** Ed25519 private key (PKCS#8 PEM or base64 DER) signing anchors; derived from WATCHFLOOR_AUDIT_KEY when unset. */
  WATCHFLOOR_AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** How often a checkpoint is issued, even when nothing happened. */
  WATCHFLOOR_AUDIT_CHECKPOINT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Link to a trace in the team's trace viewer; `{traceId}` is replaced (e.g. https://jaeger.example/trace/{traceId}). */
  WATCHFLOOR_TRACE_URL: z
    .string()
    .url()
    .refine((url) => url.includes('{traceId}'), 'must contain {traceId}')
    .optional(),
  /** Alert label names naming the segment, then the entity (comma lists, first present wins). */
  WATCHFLOOR_ALERT_SEGMENT_LABELS: commaList.default(['segment', 'service']),
  WATCHFLOOR_ALERT_ENTITY_LABELS: commaList.default(['entity', 'instance']),
  /** alertname of the always-firing heartbeat alert, and how long it may stay away before quality says so. */
  WATCHFLOOR_ALERT_HEARTBEAT_NAME: z.string().min(1).default('Watchdog'),
  WATCHFLOOR_ALERT_HEARTBEAT_SILENCE_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(86_400_000)
    .default(300_000),
  WATCHFLOOR_ACTION_POLICY_FILE: z.string().min(1).optional(),
  WATCHFLOOR_ACTION_WEBHOOK_URL: z.string().url().optional(),
  WATCHFLOOR_ACTION_WEBHOOK_SECRET: z.string().min(16).optional(),
  WATCHFLOOR_ACTION_WEBHOOK_TYPES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ActionTypeSchema)),
  WATCHFLOOR_ACTION_WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(60_000)
    .default(5_000),
  /** Where outgoing notifications are POSTed (comma list of URLs; unset: none are sent, see docs/notifications.md). */
  WATCHFLOOR_NOTIFY_URL: urlList(),
  /** HMAC-SHA256 key signing each notification; required with WATCHFLOOR_NOTIFY_URL. */
  WATCHFLOOR_NOTIFY_SECRET: z.string().min(16).optional(),
  /** Run the notification delivery loop in this process (every BFF may: rows are claimed). */
  WATCHFLOOR_NOTIFIER: flag.default(true),
  /** The SPA's address as people reach it (links in notifications); default http(s)://HOST:PORT. */
  WATCHFLOOR_PUBLIC_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** The only reader of process.env. Fails with every invalid variable named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  // Throws naming what a half-configured single sign-on lacks.
  if (!oidcSettingsFromEnv(env) && !env.WATCHFLOOR_LOCAL_LOGIN)
    throw new Error(
      'Invalid configuration: WATCHFLOOR_LOCAL_LOGIN=0 needs single sign-on (WATCHFLOOR_OIDC_ISSUER), or nobody can sign in',
    );
  if (!env.WATCHFLOOR_DEMO && env.WATCHFLOOR_SECRET === DEFAULT_SECRET) {
    throw new Error(
      'Invalid configuration: WATCHFLOOR_SECRET must be set to a private value when WATCHFLOOR_DEMO=0',
    );
  }
  if (!env.WATCHFLOOR_DEMO && env.WATCHFLOOR_AUDIT_KEY === DEMO_AUDIT_KEY) {
    throw new Error(
      'Invalid configuration: WATCHFLOOR_AUDIT_KEY must be set to a private value when WATCHFLOOR_DEMO=0',
    );
  }
  if (env.WATCHFLOOR_ACTION_WEBHOOK_URL && !env.WATCHFLOOR_ACTION_WEBHOOK_SECRET) {
    throw new Error(
      'Invalid configuration: WATCHFLOOR_ACTION_WEBHOOK_SECRET is required with WATCHFLOOR_ACTION_WEBHOOK_URL',
    );
  }
  if (env.WATCHFLOOR_NOTIFY_URL.length > 0 && !env.WATCHFLOOR_NOTIFY_SECRET) {
    throw new Error(
      'Invalid configuration: WATCHFLOOR_NOTIFY_SECRET is required with WATCHFLOOR_NOTIFY_URL',
    );
  }
  return env;
}
