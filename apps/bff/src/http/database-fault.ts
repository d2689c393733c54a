/**
 * Connection-level driver failures mean the database is unreachable or saturated, not that the
 * request was wrong: they become 503 with Retry-After rather than 500.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'ER_STATEMENT_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  'POOL_ENQUEUELIMIT',
  'POOL_ACQUIRE_TIMEOUT',
  'DB_CALL_DEADLINE',
  // A Galera node outside the primary component (1047): unavailable until the cluster re-forms.
  'ER_UNKNOWN_COM_ERROR',
]);

/** Statement time limits: MariaDB's max_statement_time (1969, unnamed by the driver) and MySQL's max_execution_time (3024). */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const errno = (error as { errno?: unknown }).errno;
  if (typeof errno === 'number' && STATEMENT_TIMEOUT_ERRNOS.has(errno)) return true;
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Queue limit reached|Pool is closed|connect ETIMEDOUT|Can't add new command when connection is in closed state/.test(
      message,
    )
  );
}

/** The database server cannot be reached at all (down, restarting, network), as opposed to busy. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  // No answer within the client-side deadline: a frozen server or a silent network.
  'DB_CALL_DEADLINE',
]);

export function isDatabaseUnreachable(error: unknown): boolean {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}
