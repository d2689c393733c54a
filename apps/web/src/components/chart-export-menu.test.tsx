import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportKind } from '../lib/charts/chart-export.ts';
import { click, render, settle } from '../testing/render.tsx';
import { ChartExportMenu } from './chart-export-menu.tsx';

afterEach(() => {
  document.body.innerHTML = '';
});

const trigger = (container: HTMLElement) =>
  container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')!;
const menu = (container: HTMLElement) => container.querySelector('[role="menu"]');

async function press(key: string) {
  await act(async () => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

describe('the chart export menu', () => {
  it('offers PNG, SVG and CSV and exports the one chosen', async () => {
    const onExport = vi.fn((_kind: ExportKind) => Promise.resolve());
    const { container } = await render(<ChartExportMenu chartName="Rate" onExport={onExport} />);
    expect(trigger(container).getAttribute('aria-label')).toBe('Export Rate');
    await click(container, '⤓ Export');
    const items = [...container.querySelectorAll('[role="menuitem"]')].map((i) => i.textContent);
    expect(items).toEqual(['Download PNG image', 'Download SVG image', 'Download CSV']);
    await click(container, 'Download CSV');
    expect(onExport).toHaveBeenCalledWith('csv');
    expect(menu(container)).toBeNull();
  });

  it('closes on Esc and gives focus back to its button', async () => {
    const { container } = await render(
      <ChartExportMenu chartName="Rate" onExport={() => Promise.resolve()} />,
    );
    await click(container, '⤓ Export');
    expect(menu(container)).not.toBeNull();
    expect(trigger(container).getAttribute('aria-expanded')).toBe('true');
    await press('Escape');
    expect(menu(container)).toBeNull();
    expect(document.activeElement).toBe(trigger(container));
  });

  it('closes when the reader presses outside it', async () => {
    const { container } = await render(
      <ChartExportMenu chartName="Rate" onExport={() => Promise.resolve()} />,
    );
    await click(container, '⤓ Export');
    await act(async () => {
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    expect(menu(container)).toBeNull();
  });

  it('says so when an export fails instead of doing nothing', async () => {
    const { container } = await render(
      <ChartExportMenu
        chartName="Rate"
        onExport={() => Promise.reject(new Error('the chart is not drawn yet'))}
      />,
    );
    await click(container, '⤓ Export');
    await click(container, 'Download PNG image');
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'Export failed: the chart is not drawn yet',
    );
  });
});
