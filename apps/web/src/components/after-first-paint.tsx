import { useEffect, useState, type ReactNode } from 'react';

/**
 * Renders its children only after the page's first frame has been painted. Secondary panels
 * (comparison overlays, gauges) wait here, so a drill-down click paints the level's main chart
 * without also paying for every other chart in the same frame.
 */
export function AfterFirstPaint({
  children,
  placeholderHeight,
}: {
  children: ReactNode;
  placeholderHeight: number;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  if (!ready)
    return <div className="chart-loading" style={{ height: placeholderHeight }} aria-busy="true" />;
  return children;
}
