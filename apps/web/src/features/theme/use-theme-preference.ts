import { useCallback, useEffect, useState } from 'react';
import {
  applyThemePreference,
  readThemePreference,
  writeThemePreference,
  type ThemePreference,
} from './theme-preference.ts';

/**
 * The signed-in user's theme: read from this browser, applied to the page while mounted, and
 * saved on change. Until the user is known the system decides.
 */
export function useThemePreference(username: string | undefined) {
  const [preference, setPreference] = useState<ThemePreference>(() =>
    username ? readThemePreference(username) : 'system',
  );
  // A different user (or the first answer of /me) brings that user's own choice.
  const [loadedFor, setLoadedFor] = useState(username);
  if (loadedFor !== username) {
    setLoadedFor(username);
    setPreference(username ? readThemePreference(username) : 'system');
  }

  useEffect(() => {
    applyThemePreference(preference);
  }, [preference]);
  // Signed out (the layout unmounts): the next person starts from the system's choice.
  useEffect(() => () => applyThemePreference('system'), []);

  const choose = useCallback(
    (next: ThemePreference) => {
      setPreference(next);
      if (username) writeThemePreference(username, next);
    },
    [username],
  );
  return [preference, choose] as const;
}
