import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { themeStorageKey } from '../theme-preference.ts';
import { ThemeSetting } from './theme-setting.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  window.localStorage.clear();
  document.body.innerHTML = '';
});

function render(username: string | undefined): HTMLSelectElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(<ThemeSetting username={username} />));
  const select = container.querySelector('select');
  if (!select) throw new Error('no theme select');
  return select;
}

function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const theme = () => document.documentElement.dataset.theme;

describe('ThemeSetting', () => {
  it('starts on System with no theme attribute, so the operating system decides', () => {
    const select = render('operator');
    expect(select.value).toBe('system');
    expect(theme()).toBeUndefined();
  });

  it('goes system → dark → light, setting <html data-theme> and keeping the choice per user', () => {
    const select = render('operator');
    choose(select, 'dark');
    expect(theme()).toBe('dark');
    expect(window.localStorage.getItem(themeStorageKey('operator'))).toBe('dark');
    choose(select, 'light');
    expect(theme()).toBe('light');
    expect(window.localStorage.getItem(themeStorageKey('operator'))).toBe('light');
    choose(select, 'system');
    expect(theme()).toBeUndefined();
    expect(window.localStorage.getItem(themeStorageKey('operator'))).toBeNull();
  });

  it("restores the user's own choice on the next visit, and not another user's", () => {
    choose(render('operator'), 'dark');
    act(() => root?.unmount());
    // Unmounting (signed out) hands the page back to the system.
    expect(theme()).toBeUndefined();

    const again = render('operator');
    expect(again.value).toBe('dark');
    expect(theme()).toBe('dark');
    act(() => root?.unmount());

    const other = render('approver');
    expect(other.value).toBe('system');
    expect(theme()).toBeUndefined();
  });

  it('treats an unknown stored value as System', () => {
    window.localStorage.setItem(themeStorageKey('operator'), 'sepia');
    expect(render('operator').value).toBe('system');
    expect(theme()).toBeUndefined();
  });
});
