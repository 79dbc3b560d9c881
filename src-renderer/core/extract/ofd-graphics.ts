// The graphics of an OFD page (GB/T 33190 §9, §10): path objects (the invoice grid, borders, the
// printed seal outline) and image objects (seals, logos, a scan), in page points, for the viewer to
// draw under the text. Colours come from the object, else its DrawParam (with the DrawParam's own
// Relative chain), else the standard's defaults (stroke black, no fill, line width 0.353 mm).
import { type XmlElement, child, descendants } from './xml';
import { type Box, MM_TO_PT, round2 } from './positioned-text';

export type PathCommand =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'Q'; x1: number; y1: number; x: number; y: number }
  | { op: 'B'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'C' };

export type OfdGraphic =
  | { kind: 'path'; commands: PathCommand[]; stroke: string | null; fill: string | null; lineWidth: number }
  | { kind: 'image'; part: string; box: Box };

export interface DrawParam {
  lineWidth?: number;
  stroke?: string;
  fill?: string;
  relative?: string;
}

export interface OfdResources {
  /** MultiMedia ID → package part of the image. */
  media: Map<string, string>;
  drawParams: Map<string, DrawParam>;
}

const DEFAULT_LINE_WIDTH_MM = 0.353;

/** The numbers of an OFD attribute ("0 0 210 140", "1,0,0,1,0,0"). */
export function numbers(value: string | undefined): number[] {
  if (!value) return [];
  return value.trim().split(/[\s,]+/).filter(Boolean).map(Number).filter((n) => Number.isFinite(n));
}

/** An OFD colour element's Value ("r g b", 0–255) as CSS; undefined when absent or not RGB. */
function colourOf(element: XmlElement | undefined): string | undefined {
  const rgb = numbers(element?.attrs.Value);
  if (rgb.length !== 3 || rgb.some((channel) => channel < 0 || channel > 255)) return undefined;
  return `rgb(${rgb.map(Math.round).join(',')})`;
}

/** The DrawParams of a resource file, by ID. */
export function readDrawParams(res: XmlElement, into: Map<string, DrawParam>): void {
  for (const param of descendants(res, 'DrawParam')) {
    if (!param.attrs.ID) continue;
    const entry: DrawParam = {};
    const width = Number(param.attrs.LineWidth);
    if (param.attrs.LineWidth !== undefined && Number.isFinite(width)) entry.lineWidth = width;
    const stroke = colourOf(child(param, 'StrokeColor'));
    if (stroke) entry.stroke = stroke;
    const fill = colourOf(child(param, 'FillColor'));
    if (fill) entry.fill = fill;
    if (param.attrs.Relative) entry.relative = param.attrs.Relative;
    into.set(param.attrs.ID, entry);
  }
}

function inherited(params: Map<string, DrawParam>, id: string | undefined, key: 'lineWidth' | 'stroke' | 'fill'): number | string | undefined {
  const seen = new Set<string>();
  let current = id;
  while (current && !seen.has(current)) {
    seen.add(current);
    const param = params.get(current);
    if (!param) return undefined;
    if (param[key] !== undefined) return param[key];
    current = param.relative;
  }
  return undefined;
}

/** Maps a point of an object's own space to page points: its CTM, then its Boundary's origin. */
function placer(object: XmlElement): (x: number, y: number) => [number, number] {
  const [bx = 0, by = 0] = numbers(object.attrs.Boundary);
  const ctm = numbers(object.attrs.CTM);
  return (x, y) => {
    const px = ctm.length === 6 ? ctm[0]! * x + ctm[2]! * y + ctm[4]! : x;
    const py = ctm.length === 6 ? ctm[1]! * x + ctm[3]! * y + ctm[5]! : y;
    return [round2((bx + px) * MM_TO_PT), round2((by + py) * MM_TO_PT)];
  };
}

/** AbbreviatedData ("M 0 0 L 10 0 B … C") as absolute commands in page points; arcs become lines to their end. */
export function parseAbbreviatedData(data: string, place: (x: number, y: number) => [number, number]): PathCommand[] {
  const tokens = data.trim().split(/[\s,]+/).filter(Boolean);
  const commands: PathCommand[] = [];
  const take = (count: number, at: number): number[] | null => {
    const values = tokens.slice(at, at + count).map(Number);
    return values.length === count && values.every((v) => Number.isFinite(v)) ? values : null;
  };
  let i = 0;
  while (i < tokens.length) {
    const op = tokens[i++]!;
    if (op === 'C') {
      commands.push({ op: 'C' });
      continue;
    }
    const arity = op === 'S' || op === 'M' || op === 'L' ? 2 : op === 'Q' ? 4 : op === 'B' ? 6 : op === 'A' ? 7 : -1;
    if (arity < 0) continue;
    const values = take(arity, i);
    if (!values) break;
    i += arity;
    if (op === 'S' || op === 'M') {
      const [x, y] = place(values[0]!, values[1]!);
      commands.push({ op: 'M', x, y });
    } else if (op === 'L' || op === 'A') {
      const [x, y] = place(values[arity - 2]!, values[arity - 1]!);
      commands.push({ op: 'L', x, y });
    } else if (op === 'Q') {
      const [x1, y1] = place(values[0]!, values[1]!);
      const [x, y] = place(values[2]!, values[3]!);
      commands.push({ op: 'Q', x1, y1, x, y });
    } else {
      const [x1, y1] = place(values[0]!, values[1]!);
      const [x2, y2] = place(values[2]!, values[3]!);
      const [x, y] = place(values[4]!, values[5]!);
      commands.push({ op: 'B', x1, y1, x2, y2, x, y });
    }
  }
  return commands;
}

/** The path and image objects of one content part (page or template), in document order. */
export function readGraphicObjects(content: XmlElement, resources: OfdResources): OfdGraphic[] {
  const graphics: OfdGraphic[] = [];
  for (const object of descendants(content, 'Layer').flatMap((layer) => layer.children)) collect(object, resources, graphics);
  return graphics;
}

function collect(object: XmlElement, resources: OfdResources, into: OfdGraphic[]): void {
  if (object.name === 'PageBlock') {
    for (const inner of object.children) collect(inner, resources, into);
    return;
  }
  if (object.name === 'ImageObject') {
    const part = resources.media.get(object.attrs.ResourceID ?? '');
    const [x = 0, y = 0, w = 0, h = 0] = numbers(object.attrs.Boundary);
    if (part && w > 0 && h > 0) into.push({ kind: 'image', part, box: [round2(x * MM_TO_PT), round2(y * MM_TO_PT), round2(w * MM_TO_PT), round2(h * MM_TO_PT)] });
    return;
  }
  if (object.name !== 'PathObject') return;
  const data = child(object, 'AbbreviatedData')?.text;
  if (!data) return;
  const commands = parseAbbreviatedData(data, placer(object));
  if (commands.length === 0) return;
  const param = object.attrs.DrawParam;
  const strokes = object.attrs.Stroke !== 'false';
  const fills = object.attrs.Fill === 'true';
  const ctm = numbers(object.attrs.CTM);
  const scale = ctm.length === 6 ? Math.hypot(ctm[0]!, ctm[1]!) : 1;
  const width = Number(object.attrs.LineWidth ?? inherited(resources.drawParams, param, 'lineWidth') ?? DEFAULT_LINE_WIDTH_MM);
  into.push({
    kind: 'path',
    commands,
    stroke: strokes ? colourOf(child(object, 'StrokeColor')) ?? (inherited(resources.drawParams, param, 'stroke') as string | undefined) ?? 'rgb(0,0,0)' : null,
    // The standard's fill colour is transparent when none is given (GB/T 33190 §9.1): a Fill="true"
    // path without a FillColor (the ⊗ before an invoice's 大写 total) is drawn by its stroke only.
    fill: fills ? colourOf(child(object, 'FillColor')) ?? (inherited(resources.drawParams, param, 'fill') as string | undefined) ?? null : null,
    lineWidth: round2((Number.isFinite(width) ? width : DEFAULT_LINE_WIDTH_MM) * scale * MM_TO_PT),
  });
}

/**
 * What drawing an OFD's graphics needs of a 2D canvas context: the browser's (the viewer) and
 * @napi-rs/canvas's (the test fixtures that draw real OFDs as pictures) both have it.
 */
export interface OfdCanvas<Picture> {
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(x1: number, y1: number, x: number, y: number): void;
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void;
  closePath(): void;
  fill(): void;
  stroke(): void;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  drawImage(picture: Picture, x: number, y: number, width: number, height: number): void;
}

/**
 * One graphic of an OFD page drawn at `scale` (canvas pixels per page unit): an image where its
 * picture is known, a path filled and stroked as it says, its line at least `minLineWidth` pixels.
 */
export function drawOfdGraphic<Picture>(context: OfdCanvas<Picture>, graphic: OfdGraphic, scale: number, pictureOf: (part: string) => Picture | null | undefined, minLineWidth: number): void {
  if (graphic.kind === 'image') {
    const picture = pictureOf(graphic.part);
    const [x, y, w, h] = graphic.box;
    if (picture) context.drawImage(picture, x * scale, y * scale, w * scale, h * scale);
    return;
  }
  context.beginPath();
  for (const command of graphic.commands) {
    if (command.op === 'M') context.moveTo(command.x * scale, command.y * scale);
    else if (command.op === 'L') context.lineTo(command.x * scale, command.y * scale);
    else if (command.op === 'Q') context.quadraticCurveTo(command.x1 * scale, command.y1 * scale, command.x * scale, command.y * scale);
    else if (command.op === 'B') context.bezierCurveTo(command.x1 * scale, command.y1 * scale, command.x2 * scale, command.y2 * scale, command.x * scale, command.y * scale);
    else context.closePath();
  }
  if (graphic.fill) {
    context.fillStyle = graphic.fill;
    context.fill();
  }
  if (graphic.stroke) {
    context.strokeStyle = graphic.stroke;
    context.lineWidth = Math.max(minLineWidth, graphic.lineWidth * scale);
    context.stroke();
  }
}
