import type { ReactNode } from 'react';
import { ErrorMessage } from './error-message.tsx';
import { PanelErrorBoundary } from './panel-error-boundary.tsx';

interface Props {
  title: string;
  /** Controls on the right of the title (toggles, links). */
  actions?: ReactNode;
  /** A failed request of this panel only: shown here, while the rest of the page stays usable. */
  error?: unknown;
  children: ReactNode;
  className?: string;
}

/** A titled card with its own error boundary, so one failing panel never blanks the page. */
export function Panel({ title, actions, error, children, className }: Props) {
  return (
    <section aria-label={title} className={className ? `panel ${className}` : 'panel'}>
      <header className="panel__head">
        <h2>{title}</h2>
        {actions && <div className="panel__actions">{actions}</div>}
      </header>
      {error !== undefined && error !== null && <ErrorMessage error={error} what={title} />}
      <PanelErrorBoundary title={title}>{children}</PanelErrorBoundary>
    </section>
  );
}
