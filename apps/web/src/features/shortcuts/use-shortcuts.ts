import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { focusTimeRange, showsGlobalTimeRange } from '../../components/time-range-picker.tsx';
import type { ViewWindow } from '../../lib/time-window.ts';
import { readDrillView, replaceWindow } from '../../lib/url-state.ts';
import { shortcutFor } from './shortcut-keys.ts';
import { shiftWindow, zoomOutWindow } from '../../lib/window-moves.ts';

/** The raw-events filter's first field, where a page has one. */
function focusEventFilter(): boolean {
  const field = document.querySelector<HTMLElement>(
    'form[aria-label="Event filters"] :is(select, input)',
  );
  field?.focus();
  return field !== null;
}

/**
 * Installs the single-key shortcuts once for the signed-in app (see SHORTCUTS). While `paused`
 * (the list itself is open) keys are left to the dialog.
 */
export function useShortcuts({ onHelp, paused }: { onHelp: () => void; paused: boolean }): void {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The listener is installed once; it reads the latest callbacks through this ref.
  const latest = useRef({ paused, onHelp });
  latest.current = { paused, onHelp };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { paused: isPaused, onHelp: help } = latest.current;
      // The address bar, not the rendered route: a window change renders in a transition that
      // waits for the new window's data, and a second key pressed meanwhile must build on the first.
      const path = window.location.pathname;
      const current = new URLSearchParams(window.location.search);
      if (isPaused || event.defaultPrevented) return;
      const action = shortcutFor(event);
      if (action === null) return;
      const moveWindow = (next: (view: ViewWindow) => ViewWindow | null) => {
        if (!showsGlobalTimeRange(path)) return false;
        const moved = next(readDrillView(current).window);
        if (moved) void navigate({ pathname: path, search: replaceWindow(current, moved) });
        return true;
      };
      // Date.now() only places a key press against "now"; the data's times come from the server.
      const handled = {
        help: () => (help(), true),
        'time-range': () => focusTimeRange(),
        'zoom-out': () => moveWindow((w) => zoomOutWindow(w, Date.now())),
        back: () => moveWindow((w) => shiftWindow(w, 'back', Date.now())),
        forward: () => moveWindow((w) => shiftWindow(w, 'forward', Date.now())),
        refresh: () => (void queryClient.invalidateQueries(), true),
        filter: () => focusEventFilter(),
      }[action]();
      // Only a key that did something keeps it from the page (a "/" with no filter stays a "/").
      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate, queryClient]);
}
