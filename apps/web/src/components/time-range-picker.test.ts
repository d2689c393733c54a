import { describe, expect, it } from 'vitest';
import { paths } from '../lib/paths.ts';
import { relative } from '../lib/time-window.ts';
import { showsGlobalTimeRange } from './time-range-picker.tsx';

describe('showsGlobalTimeRange', () => {
  it('hides the header window where it would mean nothing: trends (its own period), approvals, an action, the audit trail', () => {
    for (const path of [
      paths.trends(),
      `${paths.trends()}/`,
      paths.approvals(),
      paths.action(7),
      paths.audit(),
    ]) {
      expect(showsGlobalTimeRange(new URL(path, 'http://x').pathname)).toBe(false);
    }
  });

  it('offers it on every drill-down level', () => {
    const view = { window: relative('6h'), filters: {} };
    for (const link of [
      paths.overview(view),
      paths.segment('s', view),
      paths.entity('s', 'e', view),
      paths.events('s', 'e', view),
    ]) {
      expect(showsGlobalTimeRange(new URL(link, 'http://x').pathname)).toBe(true);
    }
  });
});
