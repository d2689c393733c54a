import './range-problem.css';

/**
 * Says, beside the time range, that the address asked for a window the page cannot show and
 * which one it shows instead: a silent fallback would pass the wrong hours off as the asked ones.
 */
export function RangeProblem({ problem }: { problem: string | undefined }) {
  if (!problem) return null;
  return (
    <p role="alert" className="range-problem">
      <span aria-hidden="true">⚠ </span>
      {problem}
    </p>
  );
}
