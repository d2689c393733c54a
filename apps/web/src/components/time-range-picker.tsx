import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useDismiss } from '../lib/use-dismiss.ts';
import { readDrillView, readWindowProblem, replaceWindow } from '../lib/url-state.ts';
import { RANGE_PRESETS, describeWindow, presetOf, relative } from '../lib/time-window.ts';
import { zoomOutWindow } from '../lib/window-moves.ts';
import { CustomRangeForm } from './custom-range-form.tsx';
import { RangeProblem } from './range-problem.tsx';

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
 * The header's time range: presets ending now (live), a custom range (fixed dates or a live
 * `now-…` one) and zoom out ×2. Choosing one keeps the page, its filters and toggles, and
 * replaces any chart zoom. An address whose window cannot be shown is said so here.
 */
export function TimeRangePicker() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [customOpen, setCustomOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const view = readDrillView(params);
  const active = presetOf(view.window)?.key ?? null;
  // The button's window is worked out on click; rendering only asks whether there is one.
  const canZoomOut = zoomOutWindow(view.window, Date.now()) !== null;
  const closeCustom = () => {
    setCustomOpen(false);
    trigger.current?.focus();
  };

  // Opening the popover puts the keyboard in it. Esc from anywhere closes it and goes back to
  // "Custom…", so focus is never left on an element that just disappeared; a press outside the
  // picker closes it too, as every popover here does.
  useEffect(() => {
    if (customOpen) root.current?.querySelector<HTMLInputElement>('.custom-range input')?.focus();
  }, [customOpen]);
  const dismissCustom = useCallback(() => setCustomOpen(false), []);
  useDismiss(customOpen, dismissCustom, root, trigger);

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
          aria-current={active === null && !view.nav ? 'true' : undefined}
          onClick={() => setCustomOpen((open) => !open)}
        >
          Custom…
        </button>
      </div>
      <button
        type="button"
        className="button range-picker__zoom-out"
        disabled={!canZoomOut}
        title="Twice as long around the same centre (z)"
        onClick={() => {
          const next = zoomOutWindow(view.window, Date.now());
          if (next) void navigate({ pathname, search: replaceWindow(params, next) });
        }}
      >
        Zoom out ×2
      </button>
      <RangeProblem problem={readWindowProblem(params)} />
      {customOpen && (
        <CustomRangeForm
          initial={view.window}
          onCancel={closeCustom}
          onApply={(window) => {
            closeCustom();
            const search = replaceWindow(params, window);
            // The same window again is no new view: Back must not stop twice on it.
            if (search !== `?${params.toString()}`) void navigate({ pathname, search });
          }}
        />
      )}
    </div>
  );
}
