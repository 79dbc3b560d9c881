// OFD (GB/T 33190) reader: an OFD is a zip of XML parts. Reads the document's custom data, the
// semantic tags that map invoice fields to page objects (CustomTag), the embedded invoice XML
// attachment, and the positioned text objects of every page (with its template pages).
import { unzipSync } from 'fflate';
import { type XmlElement, child, childrenNamed, decodeXmlBytes, descendants, parseXml } from './xml';
import { normalizeCjkRadicals } from './text-normalize';
import { type OfdGraphic, type OfdResources, numbers, readDrawParams, readGraphicObjects } from './ofd-graphics';
import { type Box, MM_TO_PT, type PositionedPage, type PositionedText, round2 } from './positioned-text';

export interface OfdTagReference {
  /** Path of local element names from the tag root, e.g. ["Buyer", "BuyerName"]. */
  path: string[];
  pageId: string | null;
  objectIds: string[];
  /** The PageRef of each object reference (ids are unique per page, not always per document). */
  pageIds: (string | null)[];
}

export interface OfdContent {
  customData: Record<string, string>;
  /**
   * Tagged fields (CustomTag), each resolved to the text of its objects in document order: `text`
   * joins them as they stand, `lines` joins the objects of each printed line (a tag whose objects
   * sit on several lines, e.g. a remark, reads best with the lines kept apart).
   */
  tags: { path: string[]; text: string; lines: string[]; page: number; box: Box | undefined }[];
  /** Invoice XML attachments (e.g. original_invoice.xml), as text. */
  attachments: { name: string; xml: string }[];
  pages: PositionedPage[];
  /**
   * For each page without text that an image covers (a scan saved as OFD): the image's part in the
   * package, to be read with readOfdPart and sent to OCR.
   */
  pageImages: { page: number; part: string }[];
  /** For each page (graphics[page - 1]), its templates' and its own path and image objects, for the viewer. */
  graphics: OfdGraphic[][];
}

/** The bytes of one part of an OFD package (an image, say), or undefined when it is not there. */
export function readOfdPart(bytes: Uint8Array, part: string): Uint8Array | undefined {
  const wanted = part.toLowerCase();
  try {
    const matches = (name: string) => {
      const normalized = normalizePath(name).toLowerCase();
      return normalized === wanted || normalized.endsWith(`/${wanted}`);
    };
    const files = unzipSync(bytes, { filter: (file) => matches(file.name) && file.originalSize <= MAX_IMAGE_PART_BYTES });
    return Object.values(files)[0];
  } catch {
    return undefined;
  }
}

const MAX_IMAGE_PART_BYTES = 64 * 1024 * 1024;
/** An image covering this share of a page without text is the page (a scan). */
const PAGE_IMAGE_COVER = 0.6;

export class OfdFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfdFormatError';
  }
}

const MAX_PART_BYTES = 32 * 1024 * 1024;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

function resolvePart(baseDir: string, location: string): string {
  const trimmed = location.trim();
  return trimmed.startsWith('/') ? normalizePath(trimmed) : normalizePath(`${baseDir}/${trimmed}`);
}


/**
 * The characters of a TextCode. Pretty-printed OFDs (re-saved by XML tools) put the text on its own
 * indented line: whitespace that runs across a line break is layout of the XML file, not text.
 */
function textCodeText(raw: string): string {
  const text = /[\r\n]/.test(raw) ? raw.replace(/[ \t]*[\r\n]\s*/g, '').replace(/^[ \t]+|[ \t]+$/g, '') : raw;
  return normalizeCjkRadicals(text);
}

/** DeltaX / DeltaY values, with the "g count step" runs expanded. */
function deltas(value: string | undefined): number[] {
  return numbers(value?.replace(/g\s+(\d+)\s+(-?[\d.]+)/g, (_all, count: string, step: string) => Array(Number(count)).fill(step).join(' ')));
}

interface TextObjectReading {
  id: string;
  texts: { text: string; box: Box }[];
}

/** Reads the text objects of one content part (page or template), in document order. */
function readTextObjects(content: XmlElement): TextObjectReading[] {
  const readings: TextObjectReading[] = [];
  for (const object of descendants(content, 'TextObject')) {
    const [bx = 0, by = 0, bw = 0, bh = 0] = numbers(object.attrs.Boundary);
    const size = Number(object.attrs.Size) || bh || 3;
    const ctm = numbers(object.attrs.CTM);
    const scaleX = ctm.length === 6 ? Math.hypot(ctm[0]!, ctm[1]!) : 1;
    const scaleY = ctm.length === 6 ? Math.hypot(ctm[2]!, ctm[3]!) : 1;
    const texts: TextObjectReading['texts'] = [];
    for (const code of childrenNamed(object, 'TextCode')) {
      const text = textCodeText(code.text);
      if (!text.trim()) continue;
      const x = Number(code.attrs.X) || 0;
      const y = Number(code.attrs.Y) || 0;
      const height = size * scaleY;
      const advance = deltas(code.attrs.DeltaX);
      const drop = deltas(code.attrs.DeltaY);
      const charWidth = (ch: string) => (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.55);
      const at = (dx: number, dy: number) => {
        const px = x + dx;
        const py = y + dy;
        const ox = ctm.length === 6 ? ctm[0]! * px + ctm[2]! * py + ctm[4]! : px;
        const oy = ctm.length === 6 ? ctm[1]! * px + ctm[3]! * py + ctm[5]! : py;
        return [bx + ox, by + oy - height * 0.85] as const;
      };
      if (drop.some((step) => step !== 0) && [...text].length > 1) {
        // Vertical (or stepped) text: DeltaY moves each character down; each is placed on its own.
        let dx = 0;
        let dy = 0;
        [...text].forEach((ch, index) => {
          if (index > 0) {
            dx += advance[index - 1] ?? 0;
            dy += drop[index - 1] ?? 0;
          }
          if (!ch.trim()) return;
          const [left, top] = at(dx, dy);
          texts.push({ text: ch, box: [round2(left * MM_TO_PT), round2(top * MM_TO_PT), round2(charWidth(ch) * scaleX * MM_TO_PT), round2(height * MM_TO_PT)] });
        });
        continue;
      }
      const advanced = advance.reduce((sum, step) => sum + step, 0);
      const width = (advance.length > 0 ? advanced + charWidth(text.slice(-1)) : Math.min(Math.max(bw - x, size), text.length * size)) * scaleX;
      const [left, top] = at(0, 0);
      texts.push({ text, box: [round2(left * MM_TO_PT), round2(top * MM_TO_PT), round2(width * MM_TO_PT), round2(height * MM_TO_PT)] });
    }
    readings.push({ id: object.attrs.ID ?? '', texts });
  }
  return readings;
}

function collectTagReferences(element: XmlElement, path: string[], into: OfdTagReference[]): void {
  const refs = childrenNamed(element, 'ObjectRef');
  if (refs.length > 0) {
    const named = refs.filter((r) => r.text.trim());
    into.push({ path, pageId: refs[0]!.attrs.PageRef ?? null, objectIds: named.map((r) => r.text.trim()), pageIds: named.map((r) => r.attrs.PageRef ?? null) });
  }
  for (const c of element.children) {
    if (c.name !== 'ObjectRef') collectTagReferences(c, [...path, c.name], into);
  }
}

/** An invoice XML part (数电 EInvoice, GB/T 36639 eInvoice, an XBRL instance with an invoice number), judged by its first element. */
function looksLikeInvoiceXml(source: string): boolean {
  const head = source.slice(0, 4096);
  if (/^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w-]+:)?xbrl[\s>]/.test(head)) return /<(?:[\w-]+:)?InvoiceNumber[\s>]/.test(source);
  const root = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w-]+:)?(EInvoice|eInvoice|Invoice)[\s>/]/.exec(head)?.[1];
  return root === 'Invoice' ? /<(?:[\w-]+:)?EIid>/.test(source) : root !== undefined;
}

/** Texts in document order, those sharing a printed line joined, one string per line. */
function joinLines(texts: { text: string; box: Box }[]): string[] {
  const lines: { text: string; top: number; height: number }[] = [];
  for (const { text, box } of texts) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(box[1] - last.top) < Math.max(last.height, box[3]) * 0.5) last.text += text;
    else lines.push({ text, top: box[1], height: box[3] });
  }
  return lines.map((line) => line.text);
}

/** Unzips and reads an OFD. Throws OfdFormatError when the package is not a readable OFD. */
export function readOfd(bytes: Uint8Array): OfdContent {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => /\.(xml|xbrl)$/i.test(file.name) && file.originalSize <= MAX_PART_BYTES });
  } catch (error) {
    throw new OfdFormatError(`not a readable zip (${error instanceof Error ? error.message : String(error)})`);
  }
  const parts = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) parts.set(normalizePath(name), decodeXmlBytes(data));
  // A package zipped from its folder ("invoice/OFD.xml", ...) instead of from inside it.
  if (![...parts.keys()].some((name) => name.toLowerCase() === 'ofd.xml')) {
    const nested = [...parts.keys()].filter((name) => /\/ofd\.xml$/i.test(name)).sort((a, b) => a.length - b.length)[0];
    if (nested) {
      const prefix = nested.slice(0, nested.length - 'OFD.xml'.length);
      for (const [name, source] of [...parts]) {
        parts.delete(name);
        if (name.startsWith(prefix)) parts.set(name.slice(prefix.length), source);
      }
    }
  }
  // The part a location names, tolerating what non-standard producers write: other letter case,
  // percent-encoded names, and locations relative to the package root or the document instead of
  // the part that holds them (ST_Loc is relative to that part).
  const findPart = (path: string): string | undefined => {
    if (parts.has(path)) return path;
    const lower = path.toLowerCase();
    for (const name of parts.keys()) if (name.toLowerCase() === lower) return name;
    if (path.includes('%')) {
      try {
        const decoded = decodeURIComponent(path);
        if (decoded !== path) return findPart(decoded);
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  const locate = (location: string, ...bases: string[]): string => {
    for (const base of [...bases, '']) {
      const found = findPart(resolvePart(base, location));
      if (found !== undefined) return found;
    }
    return resolvePart(bases[0] ?? '', location);
  };
  const xmlAt = (path: string): XmlElement | undefined => {
    const found = findPart(path);
    const source = found === undefined ? undefined : parts.get(found);
    if (source === undefined) return undefined;
    try {
      return parseXml(source);
    } catch {
      return undefined;
    }
  };
  const ofd = xmlAt('OFD.xml');
  if (!ofd || ofd.name !== 'OFD') {
    // Not an OFD, but a zip the tax platform hands out with the invoice XML in it: read that.
    const invoiceXml = [...parts].filter(([, source]) => looksLikeInvoiceXml(source)).map(([name, xml]) => ({ name, xml }));
    if (invoiceXml.length > 0) return { customData: {}, tags: [], attachments: invoiceXml, pages: [], pageImages: [], graphics: [] };
    throw new OfdFormatError('OFD.xml is missing or malformed');
  }
  const body = child(ofd, 'DocBody');
  const customData: Record<string, string> = {};
  for (const data of descendants(child(body, 'DocInfo'), 'CustomData')) {
    const name = data.attrs.Name;
    if (name && data.text.trim()) customData[name] = data.text.trim();
  }
  const docRootText = child(body, 'DocRoot')?.text.trim();
  if (!docRootText) throw new OfdFormatError('OFD.xml names no DocRoot');
  const documentPath = locate(docRootText);
  const documentDir = dirOf(documentPath);
  const document = xmlAt(documentPath);
  if (!document) throw new OfdFormatError(`${documentPath} is missing or malformed`);

  const objectText = new Map<string, { page: number; texts: { text: string; box: Box }[] }>();
  const pageIndexById = new Map<string, number>();
  const pages: PositionedPage[] = [];
  const pageImages: OfdContent['pageImages'] = [];
  const graphics: OfdGraphic[][] = [];
  /** Image resources of a document (MultiMedia in its DocumentRes and PublicRes), by ID. */
  /** Image resources (MultiMedia) and DrawParams of a document's DocumentRes and PublicRes, by ID. */
  const resourcesOf = (doc: XmlElement, docDir: string): OfdResources => {
    const resources: OfdResources = { media: new Map(), drawParams: new Map() };
    const common = child(doc, 'CommonData');
    for (const resLocation of [...childrenNamed(common, 'DocumentRes'), ...childrenNamed(common, 'PublicRes')].map((e) => e.text.trim()).filter(Boolean)) {
      const resPath = locate(resLocation, docDir);
      const res = xmlAt(resPath);
      if (!res) continue;
      const baseDir = res.attrs.BaseLoc ? resolvePart(dirOf(resPath), res.attrs.BaseLoc) : dirOf(resPath);
      for (const item of descendants(res, 'MultiMedia')) {
        const file = child(item, 'MediaFile')?.text.trim();
        if (item.attrs.ID && file) resources.media.set(item.attrs.ID, resolvePart(baseDir, file));
      }
      readDrawParams(res, resources.drawParams);
    }
    return resources;
  };
  /** Reads the pages of one document; `indexObjects` for the document the tags refer to. */
  const readDocumentPages = (doc: XmlElement, docDir: string, indexObjects: boolean) => {
    const resources = resourcesOf(doc, docDir);
    const media = resources.media;
    const templates = new Map<string, string>();
    for (const template of descendants(child(doc, 'CommonData'), 'TemplatePage')) {
      if (template.attrs.ID && template.attrs.BaseLoc) templates.set(template.attrs.ID, locate(template.attrs.BaseLoc, docDir));
    }
    const defaultArea = numbers(descendants(child(doc, 'CommonData'), 'PhysicalBox')[0]?.text);
    for (const pageElement of descendants(child(doc, 'Pages'), 'Page')) {
      const pageNumber = pages.length + 1;
      if (indexObjects && pageElement.attrs.ID) pageIndexById.set(pageElement.attrs.ID, pageNumber);
      const content = xmlAt(locate(pageElement.attrs.BaseLoc ?? '', docDir));
      const items: PositionedText[] = [];
      let pageGraphics: OfdGraphic[] = [];
      let area = defaultArea;
      if (content) {
        const pageArea = numbers(descendants(child(content, 'Area'), 'PhysicalBox')[0]?.text);
        if (pageArea.length === 4) area = pageArea;
        const sources: XmlElement[] = [];
        for (const template of childrenNamed(content, 'Template')) {
          const templatePath = templates.get(template.attrs.TemplateID ?? '');
          const templateContent = templatePath ? xmlAt(templatePath) : undefined;
          if (templateContent) sources.push(templateContent);
        }
        sources.push(content);
        pageGraphics = sources.flatMap((source) => readGraphicObjects(source, resources));
        for (const source of sources) {
          for (const reading of readTextObjects(source)) {
            if (indexObjects && source === content && reading.id) {
              const entry = { page: pageNumber, texts: reading.texts };
              if (!objectText.has(reading.id)) objectText.set(reading.id, entry);
              if (pageElement.attrs.ID) objectText.set(`${pageElement.attrs.ID}|${reading.id}`, entry);
            }
            for (const text of reading.texts) items.push({ text: text.text, box: text.box, confidence: 1, objectId: reading.id || undefined });
          }
        }
      }
      const [, , widthMm = 210, heightMm = 140] = area;
      pages.push({ page: pageNumber, width: round2(widthMm * MM_TO_PT), height: round2(heightMm * MM_TO_PT), items });
      graphics.push(pageGraphics);
      if (content && items.length === 0) {
        const scan = descendants(content, 'ImageObject')
          .map((image) => ({ part: media.get(image.attrs.ResourceID ?? ''), box: numbers(image.attrs.Boundary) }))
          .find(({ part, box }) => part !== undefined && box.length === 4 && box[2]! * box[3]! >= widthMm * heightMm * PAGE_IMAGE_COVER);
        if (scan?.part) pageImages.push({ page: pageNumber, part: scan.part });
      }
    }
  };
  readDocumentPages(document, documentDir, true);
  // A package holding several documents (one invoice each): their pages follow the first's; the
  // custom data, tags and attachments read are the first document's.
  for (const other of childrenNamed(ofd, 'DocBody').slice(1)) {
    const root = child(other, 'DocRoot')?.text.trim();
    const otherPath = root ? locate(root) : undefined;
    const otherDocument = otherPath ? xmlAt(otherPath) : undefined;
    if (otherPath && otherDocument) readDocumentPages(otherDocument, dirOf(otherPath), false);
  }

  const references: OfdTagReference[] = [];
  const tagFiles = new Set<string>();
  for (const tagIndexPath of descendants(document, 'CustomTags').map((e) => e.text.trim()).filter(Boolean)) {
    const indexPath = locate(tagIndexPath, documentDir);
    const index = xmlAt(indexPath);
    for (const fileLoc of descendants(index, 'FileLoc')) tagFiles.add(locate(fileLoc.text.trim(), dirOf(indexPath), documentDir));
  }
  // Extracted and re-zipped OFDs sometimes lose the tag index (Tags/CustomTags.xml) but keep the
  // tag file itself: any part named like a custom tag file whose root is not an index is read too.
  if (![...tagFiles].some((path) => findPart(path) !== undefined)) {
    for (const name of parts.keys()) {
      if (/(^|\/)CustomTag[^/]*\.xml$/i.test(name) && !/(^|\/)CustomTags\.xml$/i.test(name)) tagFiles.add(name);
    }
  }
  for (const path of tagFiles) {
    const tagRoot = xmlAt(path);
    if (tagRoot && tagRoot.name !== 'CustomTags') collectTagReferences(tagRoot, [], references);
  }
  const tags: OfdContent['tags'] = [];
  for (const reference of references) {
    const objectAt = (index: number) => {
      const id = reference.objectIds[index]!;
      return objectText.get(`${reference.pageIds[index] ?? ''}|${id}`) ?? objectText.get(id);
    };
    const texts = reference.objectIds.flatMap((_id, index) => objectAt(index)?.texts ?? []);
    if (texts.length === 0) continue;
    const page = objectAt(0)?.page ?? pageIndexById.get(reference.pageId ?? '') ?? 1;
    const boxes = texts.map((t) => t.box);
    const left = Math.min(...boxes.map((b) => b[0]));
    const top = Math.min(...boxes.map((b) => b[1]));
    const right = Math.max(...boxes.map((b) => b[0] + b[2]));
    const bottom = Math.max(...boxes.map((b) => b[1] + b[3]));
    tags.push({ path: reference.path, text: texts.map((t) => t.text).join(''), lines: joinLines(texts), page, box: [round2(left), round2(top), round2(right - left), round2(bottom - top)] });
  }

  const attachments: OfdContent['attachments'] = [];
  const attached = new Set<string>();
  for (const attachmentsPath of descendants(document, 'Attachments').map((e) => e.text.trim()).filter(Boolean)) {
    const listPath = locate(attachmentsPath, documentDir);
    for (const attachment of descendants(xmlAt(listPath), 'Attachment')) {
      const location = descendants(attachment, 'FileLoc')[0]?.text.trim();
      if (!location) continue;
      const path = locate(location, dirOf(listPath), documentDir);
      const source = parts.get(path);
      if (source !== undefined) {
        attachments.push({ name: attachment.attrs.Name ?? path, xml: source });
        attached.add(path);
      }
    }
  }
  // An invoice XML the attachment list does not name (list lost when the package was re-zipped, or
  // never written by the producer) is still the most trustworthy reading of the invoice.
  for (const [name, source] of parts) {
    if (attached.has(name) || !looksLikeInvoiceXml(source)) continue;
    attachments.push({ name, xml: source });
  }
  return { customData, tags, attachments, pages, pageImages, graphics };
}
