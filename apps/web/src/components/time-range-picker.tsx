import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { readDrillView, replaceWindow } from '../lib/url-state.ts';
import {
  RANGE_PRESETS,
  absolute,
  describeWindow,
  relative,
  resolveWindow,
} from '../lib/time-window.ts';
import { CustomRangeForm } from './custom-range-form.tsx';

/**
 * Whether the header offers the drill-down time range on this page: only the drill-down levels
 * read it. Trends has its own period switch; approvals, an action's page and the audit trail are
 * lists of their own, where a window would filter nothing.
 */
export function showsGlobalTimeRange(pathname: string): boolean {
  return pathname === '/' || pathname.startsWith('/segments/');
}

/**
 * Moves focus to the header's time range (the `t` shortcut): the chosen preset, else the first.
 * False when this page has none.
 */
export function focusTimeRange(): boolean {
  const group = document.querySelector('.range-picker__presets');
  const target =
    group?.querySelector<HTMLElement>("[aria-current='true']") ??
    group?.querySelector<HTMLElement>('a, button');
  target?.focus();
  return Boolean(target);
}

/**
 * The header's time range: presets ending now (live) and a custom absolute range. Choosing one
 * keeps the page, its filters and toggles, and replaces any chart zoom.
 */
export function TimeRangePicker() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [customOpen, setCustomOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const view = readDrillView(params);
  const active = view.window.kind === 'relative' ? view.window.range : null;
  const closeCustom = () => {
    setCustomOpen(false);
    trigger.current?.focus();
  };

  // Opening the popover puts the keyboard in it; Esc from anywhere closes it and goes back to
  // "Custom…", so focus is never left on an element that just disappeared.
  useEffect(() => {
    if (!customOpen) return;
    root.current?.querySelector<HTMLInputElement>('.custom-range input')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setCustomOpen(false);
      trigger.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [customOpen]);

  return (
    <div className="range-picker" ref={root}>
      <span className="range-picker__current" aria-live="polite">
        {describeWindow(view.window)}
        {view.nav && <span className="range-picker__zoom"> · zoomed</span>}
      </span>
      <div className="range-picker__presets" role="group" aria-label="Time range">
        {RANGE_PRESETS.map((preset) => (
          <Link
            key={preset.key}
            to={{ pathname, search: replaceWindow(params, relative(preset.key)) }}
            aria-current={active === preset.key ? 'true' : undefined}
            title={`Last ${preset.label}, ending now`}
          >
            {preset.label}
          </Link>
        ))}
        <button
          ref={trigger}
          type="button"
          aria-expanded={customOpen}
          aria-current={view.window.kind === 'absolute' && !view.nav ? 'true' : undefined}
          onClick={() => setCustomOpen((open) => !open)}
        >
          Custom…
        </button>
      </div>
      {customOpen && (
        <CustomRangeForm
          initial={resolveWindow(view.window)}
          onCancel={closeCustom}
          onApply={({ from, to }) => {
            closeCustom();
            void navigate({ pathname, search: replaceWindow(params, absolute(from, to)) });
          }}
        />
      )}
    </div>
  );
}
