import { createContext, type ReactNode } from 'react';

/**
 * How a route shows the stored "Why?" answer a proposal cites. The answer belongs to another
 * feature, so the route module provides the renderer; without one, the review names the id only.
 */
export const AssistRecordSlot = createContext<((assistId: string) => ReactNode) | null>(null);
