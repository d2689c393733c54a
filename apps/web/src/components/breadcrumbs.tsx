import { Link } from 'react-router';
import type { DrillLevel } from '../lib/paths.ts';
import { DrillLink } from './drill-link.tsx';

export interface Crumb {
  label: string;
  /** What kind of level it is, shown before the label ("Segment checkout-eu"). */
  kind?: string;
  to: string;
  /** A drill-down level is linked with click-to-paint timing; other pages (approvals, audit) are plain links. */
  level?: DrillLevel;
}

/** Where the operator is in the drill-down; every step back is a link that keeps the window. */
export function Breadcrumbs({ crumbs }: { crumbs: readonly Crumb[] }) {
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, i) => {
          const current = i === crumbs.length - 1;
          const text = (
            <>
              {crumb.kind && <span className="breadcrumbs__kind">{crumb.kind} </span>}
              {crumb.label}
            </>
          );
          return (
            <li key={crumb.to}>
              {current ? (
                <span aria-current="page">{text}</span>
              ) : crumb.level ? (
                <DrillLink to={crumb.to} level={crumb.level}>
                  {text}
                </DrillLink>
              ) : (
                <Link to={crumb.to}>{text}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
