import type { ReactNode } from 'react';
import { externalUrl } from '../lib/external-link.ts';

interface Props {
  href: string | null | undefined;
  children: ReactNode;
  /** Says where the link goes for screen readers and on hover, e.g. "Source of HighErrorRate". */
  label?: string;
  className?: string;
}

/**
 * A link out of Watchfloor, in a new tab that cannot reach back into this one. Renders nothing
 * when the url is missing or not http(s).
 */
export function ExternalLink({ href, children, label, className }: Props) {
  const url = externalUrl(href);
  if (!url) return null;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={label}
      title={label}
      className={className ? `external-link ${className}` : 'external-link'}
    >
      {children}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
