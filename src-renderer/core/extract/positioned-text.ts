// Text with a position on a page, the common input of the layout field parser. Boxes are in PDF
// points (1/72 inch) with the origin at the page's top-left: [x, y, width, height].

export type Box = [number, number, number, number];

export interface PositionedText {
  text: string;
  box: Box;
  /** Reading confidence 0..1 (1 for text layers, the OCR engine's value for OCR). */
  confidence: number;
  /** Id of the source object (OFD TextObject id), when there is one. */
  objectId?: string;
  /** Items sharing a key belong to one text line (as an OCR engine found it). */
  lineKey?: number;
}

export interface PositionedPage {
  page: number;
  width: number;
  height: number;
  items: PositionedText[];
}

export const MM_TO_PT = 72 / 25.4;

/** Every box of a record carried through `map` (a box in other coordinates). */
export function mapBoxes<K extends string>(boxes: Partial<Record<K, Box>>, map: (box: Box) => Box): void {
  for (const key of Object.keys(boxes) as K[]) {
    const box = boxes[key];
    if (box) boxes[key] = map(box);
  }
}

export function unionBox(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const [x, y, w, h] of boxes) {
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + w);
    bottom = Math.max(bottom, y + h);
  }
  return [round2(left), round2(top), round2(right - left), round2(bottom - top)];
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
