import { afterEach, describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from './shortcut-keys.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const press = (
  key: string,
  target: EventTarget | null,
  over: Partial<KeyPress> = {},
): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target,
  ...over,
});

function element(html: string, selector: string): Element {
  document.body.innerHTML = html;
  const found = document.querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

describe('shortcutFor', () => {
  it('maps each single key on the page to its action', () => {
    const body = document.body;
    expect(shortcutFor(press('?', body))).toBe('help');
    expect(shortcutFor(press('t', body))).toBe('time-range');
    expect(shortcutFor(press('z', body))).toBe('zoom-out');
    expect(shortcutFor(press('[', body))).toBe('back');
    expect(shortcutFor(press(']', body))).toBe('forward');
    expect(shortcutFor(press('r', body))).toBe('refresh');
    expect(shortcutFor(press('/', body))).toBe('filter');
    expect(shortcutFor(press('x', body))).toBeNull();
  });

  it('is ignored while typing in an input, a textarea, a select or editable text', () => {
    for (const [html, selector] of [
      ['<label>Error class <input></label>', 'input'],
      ['<textarea></textarea>', 'textarea'],
      ['<select><option>a</option></select>', 'select'],
      ['<div contenteditable="true"><b>x</b></div>', 'b'],
    ] as const) {
      const target = element(html, selector);
      for (const key of ['t', 'z', '[', ']', 'r', '/', '?'])
        expect(shortcutFor(press(key, target)), `${key} in ${selector}`).toBeNull();
    }
  });

  it('is ignored with Ctrl, Alt or Meta, which belong to the browser (Alt+← is back)', () => {
    const link = element('<a href="/">x</a>', 'a');
    expect(shortcutFor(press('r', link))).toBe('refresh');
    expect(shortcutFor(press('r', link, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('[', link, { altKey: true }))).toBeNull();
    expect(shortcutFor(press('z', link, { metaKey: true }))).toBeNull();
  });
});
