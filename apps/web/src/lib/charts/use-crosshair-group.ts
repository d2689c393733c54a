import { createContext, useContext } from 'react';
import { CrosshairGroup } from './crosshair-sync.ts';

/**
 * Only one page is on screen at a time, so by default every chart shown shares one crosshair: a
 * page with two or more charts is synchronised without wiring of its own. A part of a page whose
 * charts must not follow the rest gives them a group of their own with this context's provider.
 */
export const CrosshairGroupContext = createContext<CrosshairGroup>(new CrosshairGroup());

export function useCrosshairGroup(): CrosshairGroup {
  return useContext(CrosshairGroupContext);
}
