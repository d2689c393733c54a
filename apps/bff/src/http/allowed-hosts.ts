import { createMiddleware } from 'hono/factory';
import { isIP } from 'node:net';
import type { AppEnv } from './app-env.ts';
import { AppError } from './app-error.ts';

/** Answers whether a Host (or an Origin's host) names this server. */
export interface HostPolicy {
  allows(host: string): boolean;
}

/** Any IP literal: a browser that sends one reached us by address, which DNS rebinding cannot do. */
export const ANY_IP_LITERAL = '<ip-literal>';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['', '0.0.0.0', '::', '[::]']);

/** Probes that orchestrators call by pod address; they reveal nothing but up / ready. */
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/** `WATCHFLOOR_ALLOWED_HOSTS`: comma-separated `name`, `name:port`, `.suffix` or `*` entries. */
export function parseAllowedHosts(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The allow-list when none is configured: the loopback names and the listening address; on a
 * wildcard address (0.0.0.0, ::) any IP literal, since the address a client used is not known.
 */
export function defaultAllowedHosts(listenHost: string): string[] {
  const host = listenHost.trim().toLowerCase();
  if (WILDCARD_ADDRESSES.has(host)) return [...LOOPBACK, ANY_IP_LITERAL];
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return [...new Set([...LOOPBACK, bracketed])];
}

/** Entries that are none of `name`, `name:port`, `.suffix`, `*` (e.g. a URL): configuration errors. */
export function invalidHostEntries(entries: readonly string[]): string[] {
  return entries.filter(
    (entry) =>
      entry !== '*' &&
      entry !== ANY_IP_LITERAL &&
      !(entry.startsWith('.') ? splitHost(entry.slice(1))?.port === null : splitHost(entry)),
  );
}

/** Splits `name[:port]` / `[v6][:port]`, lowercased and without a trailing dot; null if malformed. */
function splitHost(value: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (!match) return null;
  return { name: match[1]!.replace(/\.$/, ''), port: match[2] ?? null };
}

const isIpLiteral = (name: string) =>
  name.startsWith('[') ? isIP(name.slice(1, -1)) === 6 : isIP(name) === 4;

/**
 * Builds the policy for a list of entries. A name admits any port (the port a browser shows can
 * differ from ours behind a port mapping, and a rebinding page cannot choose our name anyway); a
 * `name:port` entry admits that port only; `.example.com` admits the domain and its subdomains;
 * `*` admits everything (disables the check).
 */
export function hostPolicy(entries: readonly string[]): HostPolicy {
  const anyHost = entries.includes('*');
  const anyIp = entries.includes(ANY_IP_LITERAL);
  const exact = entries.flatMap((entry) => {
    if (entry.startsWith('.') || entry === '*' || entry === ANY_IP_LITERAL) return [];
    const split = splitHost(entry);
    return split ? [split] : [];
  });
  const suffixes = entries.filter((entry) => entry.startsWith('.')).map((e) => e.slice(1));
  return {
    allows(host) {
      const split = splitHost(host);
      if (!split) return false;
      if (anyHost) return true;
      const { name, port } = split;
      if (anyIp && isIpLiteral(name)) return true;
      if (exact.some((e) => e.name === name && (e.port === null || e.port === port))) return true;
      return suffixes.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
    },
  };
}

/** The Host a request named: the header, or the URL's authority for in-process requests. */
export function requestHost(headerHost: string | undefined, url: string): string {
  return headerHost ?? new URL(url).host;
}

/**
 * Refuses, with 421 and the error envelope, every request whose Host is not on the allow-list,
 * before any handler (sign-in, API, /metrics, the SPA): a page on a rebinding name cannot talk to
 * us even though its browser thinks it is same-origin. Liveness and readiness probes are exempt.
 */
export function requireAllowedHost(policy: HostPolicy) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (PROBE_PATHS.has(c.req.path)) return next();
    if (!policy.allows(requestHost(c.req.header('host'), c.req.url)))
      throw new AppError(
        421,
        'misdirected_request',
        'This server does not answer to that Host name (see WATCHFLOOR_ALLOWED_HOSTS)',
      );
    return next();
  });
}
