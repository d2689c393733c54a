import type { AssistScope, AssistWindow } from '@watchfloor/shared/assist';
import type { EventKind } from '@watchfloor/shared/ingest';

/** Builds drill-down paths; the service passes one that builds SPA paths at exactly the window given. */
export interface LinkBuilder {
  scope(scope: AssistScope, window: AssistWindow): string;
  events(
    scope: AssistScope,
    window: AssistWindow,
    filter?: { status?: 'error'; errorClass?: string; kind?: EventKind },
  ): string;
}
