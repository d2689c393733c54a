import { useCallback, useRef, useState } from 'react';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';
import { useShortcuts } from './use-shortcuts.ts';

/** The header's "?" button and the app-wide shortcuts; mounted once in the app layout. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  // Where focus was before the list opened, so closing it puts the user back there.
  const opener = useRef<HTMLElement | null>(null);
  const show = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    opener.current?.focus();
  }, []);
  useShortcuts({ onHelp: show, paused: open });

  return (
    <>
      <button
        type="button"
        className="button"
        aria-label="Keyboard shortcuts"
        aria-haspopup="dialog"
        aria-keyshortcuts="?"
        onClick={show}
      >
        ?
      </button>
      {open && <ShortcutsDialog onClose={close} />}
    </>
  );
}
