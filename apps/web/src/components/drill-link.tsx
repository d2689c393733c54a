import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DrillLevel } from '../lib/paths.ts';
import { markDrillClick } from '../lib/perf-marks.ts';
import { prefetchRouteChunk } from '../lib/route-prefetch.ts';

interface Props {
  to: string;
  level: DrillLevel;
  /** Hover or focus: the operator is about to go there, so its data may be fetched already. */
  onIntent?: () => void;
  className?: string;
  children: ReactNode;
}

/** A link one level down (or up) the drill-down, timed from click to painted chart. */
export function DrillLink({ to, level, onIntent, className, children }: Props) {
  const intent = () => {
    prefetchRouteChunk(level);
    onIntent?.();
  };
  return (
    <Link
      to={to}
      className={className}
      onClick={() => markDrillClick(level)}
      onMouseEnter={intent}
      onFocus={intent}
    >
      {children}
    </Link>
  );
}
