import { useCallback, useRef, useState } from 'react';
import type { ExportKind } from '../lib/charts/chart-export.ts';
import { useDismiss } from '../lib/use-dismiss.ts';
import './chart-export-menu.css';

const ITEMS: readonly { kind: ExportKind; label: string }[] = [
  { kind: 'png', label: 'Download PNG image' },
  { kind: 'svg', label: 'Download SVG image' },
  { kind: 'csv', label: 'Download CSV' },
];

/**
 * The chart's export menu, an ordinary button and list: reachable by keyboard, closed by Esc,
 * themed with the page. What an export does is passed in, so its code loads only when used.
 */
export function ChartExportMenu({
  chartName,
  onExport,
}: {
  chartName: string;
  onExport: (kind: ExportKind) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root, trigger);

  const choose = (kind: ExportKind) => {
    setOpen(false);
    trigger.current?.focus();
    setProblem(null);
    onExport(kind).catch((error: unknown) =>
      setProblem(`Export failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  return (
    <div className="chart-export" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="chart-export__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Export ${chartName}`}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <span aria-hidden="true">⤓</span> Export
      </button>
      {open && (
        <ul className="chart-export__menu" role="menu" aria-label={`Export ${chartName}`}>
          {ITEMS.map((item, index) => (
            <li key={item.kind} role="none">
              <button
                type="button"
                role="menuitem"
                className="chart-export__item"
                // The first entry takes focus, so Enter on the trigger then Enter again exports.
                autoFocus={index === 0}
                onClick={() => choose(item.kind)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p role="alert" className="chart-export__problem">
          {problem}
        </p>
      )}
    </div>
  );
}
