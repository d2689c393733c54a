import { TREND_DEFINITIONS } from '@watchfloor/shared/trends/definitions';

/** The shared definitions, word for word, beside the figures they define. */
export function DefinitionsList() {
  return (
    <dl aria-label="Definitions">
      {TREND_DEFINITIONS.map((d) => (
        <div key={d.term} style={{ marginBottom: '0.6rem' }}>
          <dt style={{ fontWeight: 600 }}>{d.term}</dt>
          <dd style={{ margin: 0 }}>{d.text}</dd>
        </div>
      ))}
    </dl>
  );
}
