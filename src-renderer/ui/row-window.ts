// The window of a long list (10,000 declared rows or files): only the rows in view and a margin are
// rendered, the others stand as spacers of their height. The rows' height is measured from those
// rendered (an estimate until then, and where nothing is laid out, as in tests); the active row is
// scrolled into view even when it is not rendered yet. Shared by the tables (WindowedRows) and the
// document tree.
import { useEffect, useLayoutEffect, useRef, useState, type UIEventHandler } from 'react';

/** Up to this many rows a list renders them all; a longer list renders the rows in view and a margin. */
export const WINDOW_FROM_ROWS = 200;

export interface RowWindowOptions {
  count: number;
  /** The active (selected, opened) row's index, -1 for none. */
  activeIndex: number;
  /** The rows' height (px) before they are measured. */
  estimatedHeight: number;
  /** Rows rendered beyond those in view, on each side. */
  overscan: number;
  /** Rows assumed in view before the list is measured (and where nothing is laid out). */
  unmeasuredRows: number;
  /** Rows kept visible below the active row when it is scrolled into view (room for a header). */
  marginRows: number;
  /** The rendered rows, to measure (spacers left out). */
  renderedRows: string;
}

export interface RowWindowState<E extends HTMLElement> {
  ref: React.RefObject<E | null>;
  windowed: boolean;
  /** The first row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** The height of one row (px) the spacers take. */
  rowHeight: number;
  onScroll: UIEventHandler<E> | undefined;
}

export function useRowWindow<E extends HTMLElement>({ count, activeIndex, estimatedHeight, overscan, unmeasuredRows, marginRows, renderedRows }: RowWindowOptions): RowWindowState<E> {
  const ref = useRef<E>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(0);
  const [measuredHeight, setMeasuredHeight] = useState(0);
  const rowHeight = measuredHeight || estimatedHeight;
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
    if (!windowed || !element || activeIndex < 0) return;
    const height = element.clientHeight || unmeasuredRows * rowHeight;
    const top = activeIndex * rowHeight;
    // The list scrolls only as far as it must.
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight * marginRows > element.scrollTop + height) element.scrollTop = top + rowHeight * marginRows - height;
    // Where nothing is laid out (no height, no scrolling), the window follows the active row.
    setScrollTop(element.clientHeight === 0 ? top : element.scrollTop);
    // The row height is left out on purpose: a new measure must not scroll the reviewer's list back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [windowed, activeIndex]);
  const inView = Math.ceil((viewHeight || unmeasuredRows * rowHeight) / rowHeight);
  const first = Math.floor(scrollTop / rowHeight);
  const start = windowed ? Math.max(0, Math.min(first, count - inView) - overscan) : 0;
  const end = windowed ? Math.min(count, first + inView + overscan) : count;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!windowed || !element) return;
    const rendered = [...element.querySelectorAll<HTMLElement>(renderedRows)];
    const total = rendered.reduce((sum, row) => sum + row.offsetHeight, 0);
    if (rendered.length === 0 || total === 0) return;
    const average = total / rendered.length;
    if (Math.abs(average - measuredHeight) > 0.5) setMeasuredHeight(average);
  }, [windowed, start, end, measuredHeight, renderedRows]);
  return { ref, windowed, start, end, rowHeight, onScroll: windowed ? (event) => setScrollTop(event.currentTarget.scrollTop) : undefined };
}
