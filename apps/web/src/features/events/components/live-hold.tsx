import { forwardRef } from 'react';
import { formatClockSeconds } from '../../../lib/format.ts';
import type { NewerEvents } from '../api/get-newer-events.ts';
import './live-hold.css';

/** Why the list is not taking new events now, or null when it is live. */
export type HoldReason = 'paused' | 'reading' | null;

interface ToggleProps {
  hold: HoldReason;
  onPause: () => void;
  onResume: () => void;
}

/** Pause / Resume of the live list; its label says what pressing it does. */
export const LiveHoldToggle = forwardRef<HTMLButtonElement, ToggleProps>(function LiveHoldToggle(
  { hold, onPause, onResume },
  ref,
) {
  const paused = hold === 'paused';
  return (
    <button ref={ref} type="button" className="button" onClick={paused ? onResume : onPause}>
      {paused ? 'Resume live updates' : 'Pause live updates'}
    </button>
  );
});

interface MarkerProps {
  hold: HoldReason;
  /** When the rows on screen were fetched. */
  shownAt: number;
  newer: NewerEvents | undefined;
  onShow: () => void;
}

/**
 * The line above a held list: that it is held and why, and how many newer events the server has
 * that it does not show, with the one click that shows them. Polite live region: a count that
 * changes every few seconds must not interrupt the reader.
 */
export function LiveHoldMarker({ hold, shownAt, newer, onShow }: MarkerProps) {
  if (hold === null) return null;
  const why =
    hold === 'paused'
      ? 'Paused'
      : 'Held while an event is open (close it, or pause, to choose otherwise)';
  const count = newer ? `${newer.count.toLocaleString('en')}${newer.more ? '+' : ''}` : null;
  return (
    <div className="live-hold" role="status" data-testid="live-hold">
      <span>
        {why}: showing events as of {formatClockSeconds(shownAt)}.
      </span>
      {newer && newer.count > 0 ? (
        <button type="button" className="button button--primary live-hold__show" onClick={onShow}>
          {count} new {newer.count === 1 && !newer.more ? 'event' : 'events'} — show
        </button>
      ) : (
        <span className="muted">{newer ? 'No new events yet.' : 'Checking for new events…'}</span>
      )}
    </div>
  );
}
