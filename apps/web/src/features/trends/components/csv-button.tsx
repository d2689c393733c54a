import { downloadCsv, toCsv } from './csv.ts';

/** "Download CSV" for one table: the rows as shown, with full-precision figures. */
export function CsvButton({
  name,
  header,
  rows,
}: {
  name: string;
  header: readonly string[];
  rows: () => (string | number | boolean | null)[][];
}) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => downloadCsv(`${name}.csv`, toCsv(header, rows()))}
    >
      Download CSV
    </button>
  );
}
