import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { SHORTCUTS } from './shortcut-keys.ts';

/**
 * The `?` list. Focus moves into it on open; Esc or Close hands control back to the opener,
 * which returns focus to where it was. Tab stays inside while it is open.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      // The only control is Close: keep focus on it instead of leaving the modal list.
      event.preventDefault();
      closeRef.current?.focus();
    }
  };

  return (
    <div className="shortcuts-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="shortcuts-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <dl className="shortcuts-dialog__list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.key}>
              <dt>
                <kbd>{shortcut.key}</kbd>
              </dt>
              <dd>{shortcut.label}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Keys are ignored while typing in a field or with Ctrl, Alt or ⌘.</p>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
