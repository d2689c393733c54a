import type { ReactNode } from 'react';
import { HEALTH_LABELS, type HealthStatus } from '@watchfloor/shared/overview';
import { formatDateTime } from '../lib/format.ts';
import { OK_SOFT } from './quality-look.ts';

/**
 * Icon, word and colour together: the status reads the same without colour vision. Colours are the
 * page palette's, so a badge stays readable on the dark theme.
 */
const LOOK: Record<HealthStatus, { icon: string; color: string; background: string }> = {
  critical: { icon: '✖', color: 'var(--bad)', background: 'var(--bad-soft)' },
  silent: { icon: '○', color: 'var(--silent)', background: 'var(--silent-soft)' },
  warning: { icon: '▲', color: 'var(--warn)', background: 'var(--warn-soft)' },
  ok: { icon: '✔', color: 'var(--ok)', background: OK_SOFT },
};

export function HealthStatusBadge({ status, title }: { status: HealthStatus; title?: string }) {
  const look = LOOK[status];
  return (
    <span
      className="health-badge"
      data-status={status}
      title={title}
      style={{ color: look.color, background: look.background, borderColor: look.color }}
    >
      <span aria-hidden="true" className="health-badge__icon">
        {look.icon}
      </span>
      <span>{HEALTH_LABELS[status]}</span>
    </span>
  );
}

/**
 * Absence of signal is a failure of its own: a silent entity is marked with an icon and words
 * wherever it appears, never by colour alone.
 */
export function SilentMarker({ lastSeenAt }: { lastSeenAt: number | null }) {
  const since =
    lastSeenAt === null ? 'no signal in this window' : `last seen ${formatDateTime(lastSeenAt)}`;
  return (
    <span className="silent-marker" data-silent="true" title={`Silent: ${since}`}>
      <span aria-hidden="true">○</span> Silent{' '}
      <span className="silent-marker__since">· {since}</span>
    </span>
  );
}

/**
 * How many entities are silent, as the figure of a summary: once there is one, it carries the
 * silent icon as well as the colour. `children` is the count as the summary writes it.
 */
export function SilentCount({ count, children }: { count: number; children: ReactNode }) {
  return (
    <dd className={count > 0 ? 'silent-figure' : undefined}>
      {count > 0 && <span aria-hidden="true">○ </span>}
      {children}
    </dd>
  );
}
