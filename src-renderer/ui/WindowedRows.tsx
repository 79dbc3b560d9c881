// A scrolling table whose long lists (10,000 declared rows) render only the rows in view and a margin,
// with spacers of the others' height, so that a change, scrolling and J/K stay fast. The rows' height
// is measured from those rendered (an estimate until then, and where nothing is laid out, as in
// tests); the selected row is scrolled into view even when it is not rendered yet.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Up to this many rows a list renders them all; a longer list renders the rows in view and a margin. */
export const WINDOW_FROM_ROWS = 200;
const OVERSCAN_ROWS = 15;
/** Rows assumed in view before the list is measured (and where nothing is laid out, as in tests). */
const UNMEASURED_VIEW_ROWS = 30;

export interface RowWindow {
  /** The first row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** The height of one row (px) the spacers take. */
  rowHeight: number;
}

/** Stands for `rows` rows not rendered (inside the table's tbody). */
export function WindowSpacer({ rows, rowHeight }: { rows: number; rowHeight: number }) {
  if (rows <= 0) return null;
  return <tr className="window-spacer" aria-hidden="true" style={{ height: rows * rowHeight }} />;
}

export function WindowedRows({ count, selectedIndex, rowHeight: estimatedRowHeight, className, children }: {
  count: number;
  /** The selected row's index among the `count`, -1 for none. */
  selectedIndex: number;
  /** The rows' height before they are measured. */
  rowHeight: number;
  className: string;
  children: (window: RowWindow) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(0);
  const [measuredRowHeight, setMeasuredRowHeight] = useState(0);
  const rowHeight = measuredRowHeight || estimatedRowHeight;
  const windowed = count > WINDOW_FROM_ROWS;
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // At most the window's height: a box that grows with its rows instead of scrolling still renders a window of them.
    const observer = new ResizeObserver(() => setViewHeight(Math.min(element.clientHeight, window.innerHeight)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const element = ref.current;
    if (!windowed || !element || selectedIndex < 0) return;
    const height = element.clientHeight || UNMEASURED_VIEW_ROWS * rowHeight;
    const top = selectedIndex * rowHeight;
    // Below the header row; the list scrolls only as far as it must.
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight * 2 > element.scrollTop + height) element.scrollTop = top + rowHeight * 2 - height;
    setScrollTop(element.scrollTop || top);
    // The row height is left out on purpose: a new measure must not scroll the reviewer's list back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [windowed, selectedIndex]);
  const inView = Math.ceil((viewHeight || UNMEASURED_VIEW_ROWS * rowHeight) / rowHeight);
  const first = Math.floor(scrollTop / rowHeight);
  const start = windowed ? Math.max(0, Math.min(first, count - inView) - OVERSCAN_ROWS) : 0;
  const end = windowed ? Math.min(count, first + inView + OVERSCAN_ROWS) : count;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!windowed || !element) return;
    const rendered = [...element.querySelectorAll<HTMLTableRowElement>('tbody > tr:not(.window-spacer)')];
    const total = rendered.reduce((sum, row) => sum + row.offsetHeight, 0);
    if (rendered.length === 0 || total === 0) return;
    const average = total / rendered.length;
    if (Math.abs(average - measuredRowHeight) > 0.5) setMeasuredRowHeight(average);
  }, [windowed, start, end, measuredRowHeight]);
  return (
    <div ref={ref} className={className} data-windowed={windowed || undefined} onScroll={windowed ? (event) => setScrollTop(event.currentTarget.scrollTop) : undefined}>
      {children({ start, end, rowHeight })}
    </div>
  );
}
