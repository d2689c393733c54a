import type { Acknowledgement } from '@watchfloor/shared/acknowledgements';
import { acknowledgementText } from './acknowledgement-text.ts';

/** Who is on an incident, one line each, in words (never a colour or an icon alone). */
export function AcknowledgementLines({
  acknowledgements,
  now,
}: {
  acknowledgements: readonly Acknowledgement[];
  now: number;
}) {
  if (acknowledgements.length === 0) return null;
  return (
    <ul className="acknowledgements" aria-label="Acknowledgements">
      {acknowledgements.map((ack) => (
        <li key={ack.id} className="acknowledgement" data-acknowledged-by={ack.by.username}>
          {acknowledgementText(ack, now)}
        </li>
      ))}
    </ul>
  );
}
