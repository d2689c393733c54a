import {
  Children,
  cloneElement,
  isValidElement,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';

/**
 * One header cell of a data table; numeric columns are right-aligned, like their cells.
 * `priority: 'detail'` folds the column away on a phone: the row keeps its key cells and a
 * "Details" button shows the folded ones under them, each with its column's name.
 */
export interface DataTableColumn {
  label: string;
  numeric?: boolean;
  priority?: 'key' | 'detail';
}

interface Props {
  /** Classes beside `data-table`, for one table's own layout. */
  className?: string;
  /** A visible caption; it also names the table for assistive technology. */
  caption?: ReactNode;
  /** The table's accessible name where it has no visible caption. */
  label?: string;
  columns: readonly DataTableColumn[];
  /** The body rows: each a `<tr>` (or a row component) whose children are its cells, in column order. */
  children: ReactNode;
}

/**
 * The shell every data table shares: its name, one header row of column headers (`scope="col"`,
 * so each cell is announced with its column) and the body. Rows stay with each table. A table
 * with detail columns also gets a Details button per row; styles.css shows it, and folds the
 * detail cells, only on narrow screens, so the desktop table is the same with or without them.
 */
export function DataTable({ className, caption, label, columns, children }: Props) {
  const foldable = columns.some((column) => column.priority === 'detail');
  return (
    <table
      className={className ? `data-table ${className}` : 'data-table'}
      aria-label={label}
      data-foldable={foldable || undefined}
    >
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
          {foldable && (
            <th scope="col" className="data-table__fold">
              <span className="sr-only">More</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {foldable
          ? Children.toArray(children).map((row) =>
              isRowElement(row) ? <FoldableRow key={row.key} row={row} columns={columns} /> : row,
            )
          : children}
      </tbody>
    </table>
  );
}

type RowElement = ReactElement<{ children?: ReactNode }>;
type CellProps = { 'data-label'?: string; 'data-priority'?: 'key' | 'detail' };

function isRowElement(node: ReactNode): node is RowElement {
  return isValidElement<{ children?: ReactNode }>(node);
}

/**
 * A row as the table's author wrote it, plus what the phone layout needs: every cell names its
 * column (the label shown beside a folded value) and its priority, and a last cell holds the
 * button that unfolds the detail cells. The button's click stays with it, so it never also
 * follows a row link or selects the row.
 */
function FoldableRow({ row, columns }: { row: RowElement; columns: readonly DataTableColumn[] }) {
  const [open, setOpen] = useState(false);
  const cells = Children.toArray(row.props.children).map((cell, i) => {
    const column = columns[i];
    if (!column || !isValidElement<CellProps>(cell)) return cell;
    return cloneElement(cell, {
      'data-label': column.label,
      'data-priority': column.priority ?? 'key',
    });
  });
  return cloneElement(
    row as ReactElement<{ 'data-open'?: boolean }>,
    { 'data-open': open },
    ...cells,
    <td key="data-table-fold" className="data-table__fold">
      <button
        type="button"
        className="button data-table__fold-button"
        aria-expanded={open}
        onClick={(event) => {
          event.stopPropagation();
          setOpen((was) => !was);
        }}
      >
        {open ? 'Less' : 'Details'}
      </button>
    </td>,
  );
}
