import type { AuditTamperingCheck } from './audit-phase.ts';
import type { CsrfFigures } from './csrf-phase.ts';
import type { OversizeFigures } from './oversize-phase.ts';
import type { Tally } from './tally.ts';

export interface SecurityReport {
  command: string;
  date: string;
  seed: number;
  durationSeconds: number;
  routes: number;
  routesWithoutSchemas: string[];
  tables: number;
  csrf: CsrfFigures;
  oversize: OversizeFigures;
  attemptsBefore429: number;
  provoked500: number;
  auditTampering: AuditTamperingCheck[];
  tallies: Tally[];
}

/** One line per audit-tampering attack: the record it must be reported at and what each verifier named. */
export function auditTamperingLines(checks: AuditTamperingCheck[]): string[] {
  return [
    '| audit tampering (temp anchor directory, scratch database) | expected record | API | CLI |',
    '|---|---:|---:|---:|',
    ...checks.map(
      (c) =>
        `| ${c.attack} | ${c.expectedSeq} | ${c.apiSeq ?? 'none'}${c.apiSeq === c.expectedSeq ? '' : ' ✗'} | ${c.cliSeq ?? 'none'}${c.cliSeq === c.expectedSeq ? '' : ' ✗'} |`,
    ),
  ];
}

/** The Markdown the proof prints: requests per class, the status histogram and every violation. */
export function renderSecurityReport(report: SecurityReport): string {
  const perClass = new Map<string, number>();
  const statuses = new Map<number, number>();
  const violations = report.tallies.flatMap((t) => t.violations);
  for (const tally of report.tallies) {
    for (const [name, n] of tally.perClass) perClass.set(name, (perClass.get(name) ?? 0) + n);
    for (const [status, n] of tally.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
  }
  const total = [...perClass.values()].reduce((a, b) => a + b, 0);
  const lines = [
    '## Hostile input',
    '',
    `\`${report.command}\` — ${report.date}, ${report.durationSeconds.toFixed(0)} s, fast-check seed ${report.seed}. Real BFF (\`startServer\`) on a scratch MariaDB database; ${report.routes} routes from the route table${report.routesWithoutSchemas.length ? ` (generic input for ${report.routesWithoutSchemas.join(', ')})` : ', every one with its shared zod schemas'}; after each request a checksum of all ${report.tables} tables (sessions, login_failures and notification_outbox by row count; audit_checkpoints, written by a timer, and the action rate counters left out). Refused action transitions (409) may add only their audit record and policy evaluation, by design.`,
    '',
    '| class | requests / checks |',
    '|---|---:|',
    ...[...perClass].map(([name, n]) => `| ${name} | ${n} |`),
    `| **total** | **${total}** |`,
    '',
    '| status | responses |',
    '|---|---:|',
    ...[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `| ${status} | ${n} |`),
    '',
    `- CSRF: ${report.csrf.attempts} requests left ${report.csrf.chromium} from a page on a second loopback port (same site, other origin: the SameSite=Lax cookie is sent), ${report.csrf.reachedServer} answered; the session survived, no table changed; answers ${Object.entries(
      report.csrf.byStatus,
    )
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}.`,
    '',
    '| CSRF technique (request the browser sent) | answers |',
    '|---|---|',
    ...Object.entries(report.csrf.byTechnique).map(
      ([technique, answers]) =>
        `| ${technique} | ${Object.entries(answers)
          .map(([s, n]) => `${s} × ${n}`)
          .join(', ')} |`,
    ),
    '',
    `- Body limits: 413 after at most ${report.oversize.maxBytesReadBefore413.contentLength} body bytes when Content-Length declares 4× the limit, ${report.oversize.maxBytesReadBefore413.chunked} bytes when chunked (limits 64 KiB; event ingest 5 MiB, alerts and changes 1 MiB, OTLP 8 MiB after decompression).`,
    `- Login brute force: 429 after ${report.attemptsBefore429} failures on one account from one address; spoofed X-Forwarded-For and username variants do not reset it.`,
    `- Provoked internal error: ${report.provoked500}, with the envelope, the security headers and no internals in the body.`,
    '',
    ...auditTamperingLines(report.auditTampering),
    '',
    `**Violations: ${violations.length}**`,
    ...violations.slice(0, 60).map((v) => `- ${v}`),
    ...(violations.length > 60 ? [`- … and ${violations.length - 60} more`] : []),
  ];
  return lines.join('\n');
}
