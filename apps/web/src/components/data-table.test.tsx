import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../testing/render.tsx';
import { DataTable, type DataTableColumn } from './data-table.tsx';

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Segment' },
  { label: 'Status' },
  { label: 'Error ratio', numeric: true, priority: 'detail' },
];

async function renderTable(onRowClick: () => void = () => undefined) {
  const { container } = await render(
    <DataTable label="Segments" columns={COLUMNS}>
      {['checkout', 'search'].map((name) => (
        <tr key={name} data-segment={name} onClick={onRowClick}>
          <th scope="row">{name}</th>
          <td>Critical</td>
          <td className="num">12.5%</td>
        </tr>
      ))}
    </DataTable>,
  );
  const row = (name: string) => container.querySelector<HTMLElement>(`tr[data-segment="${name}"]`)!;
  return { container, row };
}

describe('DataTable on a phone', () => {
  it("names each cell's column and priority, so a folded value is shown with its column's name", async () => {
    const { row } = await renderTable();
    const cells = [...row('checkout').children];
    expect(cells.map((cell) => cell.getAttribute('data-label'))).toEqual([
      'Segment',
      'Status',
      'Error ratio',
      null,
    ]);
    expect(cells.map((cell) => cell.getAttribute('data-priority'))).toEqual([
      'key',
      'key',
      'detail',
      null,
    ]);
  });

  it("unfolds one row's detail cells on a tap of its Details button, without the row's own click", async () => {
    let rowClicks = 0;
    const { row } = await renderTable(() => (rowClicks += 1));
    const button = row('checkout').querySelector('button')!;
    expect(button.textContent).toBe('Details');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(row('checkout').getAttribute('data-open')).toBe('false');

    await act(async () => button.click());
    expect(row('checkout').getAttribute('data-open')).toBe('true');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent).toBe('Less');
    expect(row('search').getAttribute('data-open')).toBe('false');
    expect(rowClicks).toBe(0);

    await act(async () => button.click());
    expect(row('checkout').getAttribute('data-open')).toBe('false');
  });

  it('leaves a table without detail columns as it was: no Details buttons, no extra column', async () => {
    const { container } = await render(
      <DataTable label="Plain" columns={[{ label: 'Segment' }]}>
        <tr>
          <th scope="row">checkout</th>
        </tr>
      </DataTable>,
    );
    expect(container.querySelector('button')).toBeNull();
    expect(container.querySelectorAll('th')).toHaveLength(2);
    expect(container.querySelector('table')?.hasAttribute('data-foldable')).toBe(false);
  });
});
