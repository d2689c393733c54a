import type { ReactNode } from 'react';

/** One header cell of a data table; numeric columns are right-aligned, like their cells. */
export interface DataTableColumn {
  label: string;
  numeric?: boolean;
}

interface Props {
  /** Classes beside `data-table`, for one table's own layout. */
  className?: string;
  /** A visible caption; it also names the table for assistive technology. */
  caption?: ReactNode;
  /** The table's accessible name where it has no visible caption. */
  label?: string;
  columns: readonly DataTableColumn[];
  /** The body rows. */
  children: ReactNode;
}

/**
 * The shell every data table shares: its name, one header row of column headers (`scope="col"`,
 * so each cell is announced with its column) and the body. Rows stay with each table.
 */
export function DataTable({ className, caption, label, columns, children }: Props) {
  return (
    <table className={className ? `data-table ${className}` : 'data-table'} aria-label={label}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
