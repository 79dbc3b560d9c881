// The one walk that finds lines of text (and the letters of a line) on a page: the runs of
// consecutive rows, or columns, that a test finds inked. Each caller keeps its own test of ink
// (any inked pixel, a count of pixels or of ink transitions) and what it makes of the runs.

/** A run of consecutive indices: start included, end excluded. */
export type Run = [start: number, end: number];

/** The maximal runs of the indices 0 … length − 1 for which `holds` is true, in order. */
export function runsWhere(length: number, holds: (index: number) => boolean): Run[] {
  const runs: Run[] = [];
  let start = -1;
  for (let index = 0; index <= length; index++) {
    const inside = index < length && holds(index);
    if (inside && start < 0) start = index;
    if (!inside && start >= 0) {
      runs.push([start, index]);
      start = -1;
    }
  }
  return runs;
}
