/** Every single-key shortcut, in the order the `?` list shows them. */
export const SHORTCUTS = [
  { key: '?', action: 'help', label: 'Show this list of shortcuts' },
  { key: 't', action: 'time-range', label: 'Focus the time range' },
  { key: 'z', action: 'zoom-out', label: 'Zoom out: twice the window, same centre' },
  { key: '[', action: 'back', label: 'Move the window back by its length' },
  { key: ']', action: 'forward', label: 'Move the window forward by its length (up to now)' },
  { key: 'r', action: 'refresh', label: 'Refresh the page’s data' },
  { key: '/', action: 'filter', label: 'Focus the event filter' },
  { key: 'Esc', action: 'close', label: 'Close a popover or this list, back where you were' },
] as const;

export type ShortcutAction = Exclude<(typeof SHORTCUTS)[number]['action'], 'close'>;

const BY_KEY: ReadonlyMap<string, ShortcutAction> = new Map(
  SHORTCUTS.flatMap((s) => (s.action === 'close' ? [] : [[s.key, s.action] as const])),
);

/** The parts of a keydown that decide whether it is a shortcut. */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** Whether the key lands in something the user types into, where a letter must stay a letter. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !==
    null
  );
}

/**
 * The shortcut a key press asks for, or null. Modifier chords belong to the browser and the
 * system (Alt+← is history back), and typing a "t" into a field is not a request to move focus.
 * Shift is allowed: on most layouts `?` needs it.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null;
  if (isTypingTarget(press.target)) return null;
  return BY_KEY.get(press.key) ?? null;
}
