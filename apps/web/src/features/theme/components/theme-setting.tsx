import { THEME_PREFERENCES, type ThemePreference } from '../theme-preference.ts';
import { useThemePreference } from '../use-theme-preference.ts';

const LABELS: Record<ThemePreference, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** The header's "Theme: System / Light / Dark" choice, remembered for this user on this browser. */
export function ThemeSetting({ username }: { username: string | undefined }) {
  const [preference, choose] = useThemePreference(username);
  return (
    <label className="theme-setting">
      <span>Theme</span>
      <select
        value={preference}
        onChange={(event) =>
          choose(THEME_PREFERENCES.find((p) => p === event.target.value) ?? 'system')
        }
      >
        {THEME_PREFERENCES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
