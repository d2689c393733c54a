import { Link } from 'react-router';
import type { Novelty, SimilarIncident } from '@watchfloor/shared/assist';
import { describeIncidentActions, describeIncidentSpan, describeNovelty } from './answer-words.ts';

const NOVELTY_WORDS: Record<Novelty['label'], string> = {
  frequent: 'Frequent',
  rare: 'Rare',
  new: 'New',
};

/** Whether this has been seen before, and the past incidents that looked like it. */
export function SimilarIncidents({
  novelty,
  similar,
}: {
  novelty?: Novelty;
  similar: readonly SimilarIncident[];
}) {
  return (
    <div className="assist-similar">
      {novelty && (
        <p data-testid="assist-novelty">
          <strong className="quality-badge">{NOVELTY_WORDS[novelty.label]}</strong>{' '}
          {describeNovelty(novelty)}
        </p>
      )}
      {similar.length > 0 ? (
        <ul aria-label="Similar past incidents">
          {similar.map((incident) => (
            <li key={`${incident.segment}-${incident.start}`}>
              <Link to={incident.link}>
                {incident.segment}: {describeIncidentSpan(incident)}
              </Link>{' '}
              <span className="muted">
                ({incident.signature.shape}
                {incident.signature.errorClasses.length > 0 &&
                  `, ${incident.signature.errorClasses.join(', ')}`}
                {incident.signature.entities.length > 0 &&
                  `, ${incident.signature.entities.join(', ')}`}
                ; overlap {Math.round(incident.overlap * 100)} %)
              </span>
              <br />
              What was done: {describeIncidentActions(incident)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No similar past incident.</p>
      )}
    </div>
  );
}
