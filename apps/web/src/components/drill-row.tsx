import type { ComponentProps, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { DrillLevel } from '../lib/paths.ts';
import { markDrillClick } from '../lib/perf-marks.ts';

interface Props extends Omit<ComponentProps<'tr'>, 'className' | 'onClick' | 'onMouseEnter'> {
  /** Where the row leads: the same place as the DrillLink in it. */
  to: string;
  level: DrillLevel;
  /** Hover: the operator is about to go there, so its data may be fetched already. */
  onIntent?: () => void;
  children: ReactNode;
}

/**
 * A table row that is one level down the drill-down: a click anywhere on it goes there, timed like
 * a link. The DrillLink inside stays the keyboard path, and a click on any link in the row is left
 * to that link, so the navigation is never started twice.
 */
export function DrillRow({ to, level, onIntent, children, ...attributes }: Props) {
  const navigate = useNavigate();
  return (
    <tr
      {...attributes}
      className="data-table__row--link"
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a')) return;
        markDrillClick(level);
        void navigate(to);
      }}
      onMouseEnter={onIntent}
    >
      {children}
    </tr>
  );
}
