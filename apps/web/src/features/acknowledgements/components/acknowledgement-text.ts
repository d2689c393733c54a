import type { Acknowledgement } from '@watchfloor/shared/acknowledgements';

/** How long ago, in whole minutes (a clock a little ahead of the server's never says "-1 min"). */
export function minutesAgo(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  return minutes === 0 ? 'just now' : `${minutes} min ago`;
}

/** One acknowledgement in words: "Acknowledged by Ada: I'm on it · 4 min ago". */
export function acknowledgementText(
  ack: Pick<Acknowledgement, 'by' | 'comment' | 'acknowledgedAt'>,
  now: number,
): string {
  const who = ack.by.displayName || ack.by.username;
  return `Acknowledged by ${who}: ${ack.comment} · ${minutesAgo(ack.acknowledgedAt, now)}`;
}
