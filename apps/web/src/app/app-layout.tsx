import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate, useSearchParams } from 'react-router';
import { can, type Permission } from '@watchfloor/shared/permissions';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { RefreshStatus } from '../components/refresh-status.tsx';
import { showsGlobalTimeRange, TimeRangePicker } from '../components/time-range-picker.tsx';
import { DecisionConfirmationBanner } from '../features/actions/components/decision-confirmation-banner.tsx';
import { InboxLink } from '../features/actions/components/inbox-link.tsx';
import { useMe } from '../features/auth/api/get-me.ts';
import { UserMenu } from '../features/auth/components/user-menu.tsx';
import { ThemeSetting } from '../features/theme/components/theme-setting.tsx';
import { KeyboardShortcuts } from '../features/shortcuts/keyboard-shortcuts.tsx';
import { paths } from '../lib/paths.ts';
import { whenFirstPagePainted } from '../lib/perf-marks.ts';
import { prefetchAllRouteChunks } from '../lib/route-prefetch.ts';
import { readDrillView } from '../lib/url-state.ts';
import { useStaleness } from '../lib/use-staleness.ts';
import { whenIdle } from '../lib/when-idle.ts';
import { isRouteHandle } from './route-handles.ts';

/** Header links and the permission each needs; the BFF still decides every request. */
const NAV_LINKS: readonly { label: string; to: string; permission: Permission }[] = [
  { label: 'Approvals', to: paths.approvals(), permission: 'actions.read' },
  { label: 'Audit', to: paths.audit(), permission: 'audit.read' },
  { label: 'Trends', to: paths.trends(), permission: 'trends.read' },
  { label: 'Policy', to: '/policy', permission: 'policy.read' },
];
// Light on the dark header bar, with a gap between links; styles.css has no nav rules yet.
const NAV_LINK_STYLE = { color: '#f8fafc', marginRight: '1rem' } as const;

/**
 * Page chrome of every signed-in route: product, whether the screen is current, user, breadcrumbs,
 * time range, the routed page. The header turns amber and says "Stale since …" for every page.
 */
export function AppLayout() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const matches = useMatches();
  const queryClient = useQueryClient();
  const fetching = useIsFetching() > 0;
  const staleness = useStaleness();
  const roles = useMe().data?.roles ?? [];
  const navLinks = NAV_LINKS.filter((link) => can(roles, link.permission));
  const view = readDrillView(params);
  const match = [...matches].reverse().find((m) => isRouteHandle(m.handle));
  const crumbs =
    match && isRouteHandle(match.handle) ? match.handle.crumbs(match.params, view) : [];
  const [menuOpen, setMenuOpen] = useState(false);

  // A phone's menu covers the page under it, so it closes once a link in it has been followed.
  useEffect(() => setMenuOpen(false), [pathname]);

  // Once the first page has painted and the browser is idle, fetch the deeper levels' code, so
  // no click waits for it and the first page never waits for code it does not show.
  useEffect(() => {
    void whenFirstPagePainted().then(() => whenIdle(prefetchAllRouteChunks, 3_000));
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app__header" data-stale={staleness.state === 'stale'}>
        <Link
          to={paths.overview({ window: view.window, filters: view.filters })}
          className="app__brand"
        >
          <span aria-hidden="true" className="app__logo">
            ◢
          </span>{' '}
          Watchfloor
        </Link>
        <RefreshStatus staleness={staleness} />
        <button
          type="button"
          className="app__menu-button"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        {/* One box on a phone, opened by the Menu button; on a wide screen its parts sit in the bar. */}
        <div className="app__menu" id="app-menu" data-open={menuOpen}>
          {navLinks.length > 0 && (
            <nav aria-label="Sections" className="app__nav">
              {navLinks.map((link) => (
                <Link key={link.to} to={link.to} className="app__nav-link" style={NAV_LINK_STYLE}>
                  {link.label}
                </Link>
              ))}
              {can(roles, 'actions.decide') && <InboxLink />}
            </nav>
          )}
          <ThemeSetting username={useMe().data?.username} />
          <UserMenu onSignedOut={() => void navigate(paths.login())} />
        </div>
      </header>
      <div className="app__toolbar">
        <Breadcrumbs crumbs={crumbs} />
        <div className="app__controls">
          {showsGlobalTimeRange(pathname) && <TimeRangePicker />}
          <button
            type="button"
            className="button"
            onClick={() => void queryClient.refetchQueries({ type: 'active' })}
            aria-busy={fetching}
          >
            <span aria-hidden="true">⟳ </span>Refresh
          </button>
          <KeyboardShortcuts />
        </div>
      </div>
      <DecisionConfirmationBanner />
      <main className="app__main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
