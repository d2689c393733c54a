/** What the user chose: follow the operating system, or always light, or always dark. */
export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

/** Kept per user on this browser: two people sharing a wall screen keep their own choice. */
export function themeStorageKey(username: string): string {
  return `watchfloor.theme.${username}`;
}

function isThemePreference(value: unknown): value is ThemePreference {
  return THEME_PREFERENCES.includes(value as ThemePreference);
}

/** The stored choice; anything missing, unknown or unreadable (storage blocked) means "system". */
export function readThemePreference(username: string): ThemePreference {
  try {
    const stored = window.localStorage.getItem(themeStorageKey(username));
    return isThemePreference(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function writeThemePreference(username: string, preference: ThemePreference): void {
  try {
    if (preference === 'system') window.localStorage.removeItem(themeStorageKey(username));
    else window.localStorage.setItem(themeStorageKey(username), preference);
  } catch {
    // Storage blocked: the choice still applies to this page, it just is not remembered.
  }
}

/**
 * styles.css swaps its palette on `<html data-theme>`; no attribute means the system decides
 * (prefers-color-scheme), so "system" keeps following the OS when it changes at dusk.
 */
export function applyThemePreference(preference: ThemePreference, root = document.documentElement) {
  if (preference === 'system') delete root.dataset.theme;
  else root.dataset.theme = preference;
}
