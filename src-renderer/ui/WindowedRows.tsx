// A scrolling table whose long lists (10,000 declared rows) render only the rows in view and a margin
// (row-window.ts), with spacers of the others' height, so that a change, scrolling and J/K stay fast.
import type { ReactNode } from 'react';
import { useRowWindow } from './row-window';

export { WINDOW_FROM_ROWS } from './row-window';
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

export function WindowedRows({ count, selectedIndex, rowHeight: estimatedHeight, className, children }: {
  count: number;
  /** The selected row's index among the `count`, -1 for none. */
  selectedIndex: number;
  /** The rows' height before they are measured. */
  rowHeight: number;
  className: string;
  children: (window: RowWindow) => ReactNode;
}) {
  const { ref, windowed, start, end, rowHeight, onScroll } = useRowWindow<HTMLDivElement>({
    count, activeIndex: selectedIndex, estimatedHeight, overscan: OVERSCAN_ROWS, unmeasuredRows: UNMEASURED_VIEW_ROWS,
    // Below the header row.
    marginRows: 2, renderedRows: 'tbody > tr:not(.window-spacer)',
  });
  return (
    <div ref={ref} className={className} data-windowed={windowed || undefined} onScroll={onScroll}>
      {children({ start, end, rowHeight })}
    </div>
  );
}
