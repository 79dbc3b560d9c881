// A small, strict-enough XML reader for invoice XML and OFD parts. Pure (no DOM): returns a tree of
// elements with namespace prefixes removed from element and attribute names, entities decoded.

export interface XmlElement {
  /** Local name, without namespace prefix. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (not descendants). */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon >= 0 ? qualified.slice(colon + 1) : qualified;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/**
 * Parses a document (text, or the bytes of a file, decoded by decodeXmlBytes) and returns its root
 * element. Throws XmlSyntaxError on malformed input.
 */
export function parseXml(source: string | Uint8Array): XmlElement {
  const decoded = typeof source === 'string' ? source : decodeXmlBytes(source);
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const current = stack[stack.length - 1]!;
    if (open < 0) {
      current.text += decodeEntities(text.slice(position));
      break;
    }
    if (open > position) current.text += decodeEntities(text.slice(position, open));
    if (text.startsWith('<!--', open)) {
      const end = text.indexOf('-->', open + 4);
      if (end < 0) throw new XmlSyntaxError('unterminated comment');
      position = end + 3;
    } else if (text.startsWith('<![CDATA[', open)) {
      const end = text.indexOf(']]>', open + 9);
      if (end < 0) throw new XmlSyntaxError('unterminated CDATA section');
      current.text += text.slice(open + 9, end);
      position = end + 3;
    } else if (text.startsWith('<?', open)) {
      const end = text.indexOf('?>', open + 2);
      if (end < 0) throw new XmlSyntaxError('unterminated processing instruction');
      position = end + 2;
    } else if (text.startsWith('<!', open)) {
      // <!DOCTYPE …> may hold an internal subset in brackets, itself full of '>'.
      let end = text.indexOf('>', open + 2);
      const subset = text.indexOf('[', open + 2);
      if (subset >= 0 && subset < end) {
        const subsetEnd = text.indexOf(']', subset);
        end = subsetEnd < 0 ? -1 : text.indexOf('>', subsetEnd);
      }
      if (end < 0) throw new XmlSyntaxError('unterminated declaration');
      position = end + 1;
    } else if (text[open + 1] === '/') {
      const end = text.indexOf('>', open);
      if (end < 0) throw new XmlSyntaxError('unterminated end tag');
      const name = localName(text.slice(open + 2, end).trim());
      const closing = stack.pop();
      if (!closing || closing === root || closing.name !== name) {
        throw new XmlSyntaxError(`mismatched end tag </${name}>`);
      }
      position = end + 1;
    } else {
      let end = open + 1;
      let quote = '';
      while (end < text.length) {
        const ch = text[end]!;
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
        end++;
      }
      if (end >= text.length) throw new XmlSyntaxError('unterminated start tag');
      let body = text.slice(open + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const nameMatch = /^[^\s/>]+/.exec(body);
      if (!nameMatch) throw new XmlSyntaxError('element without a name');
      const element: XmlElement = { name: localName(nameMatch[0]), attrs: {}, children: [], text: '' };
      for (const match of body.slice(nameMatch[0].length).matchAll(ATTRIBUTE)) {
        const attrName = match[1]!;
        if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
        element.attrs[localName(attrName)] = decodeEntities(match[3] ?? match[4] ?? '');
      }
      current.children.push(element);
      if (!selfClosing) stack.push(element);
      position = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlSyntaxError(`unclosed element <${stack[stack.length - 1]!.name}>`);
  const top = root.children[0];
  if (!top || root.children.length !== 1) throw new XmlSyntaxError('document must have exactly one root element');
  return top;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Depth-first search for the first descendant with this local name. */
export function descendant(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) {
    if (c.name === name) return c;
    const found = descendant(c, name);
    if (found) return found;
  }
  return undefined;
}

export function descendants(element: XmlElement | undefined, name: string, into: XmlElement[] = []): XmlElement[] {
  if (!element) return into;
  for (const c of element.children) {
    if (c.name === name) into.push(c);
    descendants(c, name, into);
  }
  return into;
}

/** Trimmed text of the first descendant with this name, or null when missing or blank. */
export function textOf(element: XmlElement | undefined, name: string): string | null {
  const found = descendant(element, name);
  const value = found?.text.trim();
  return value ? value : null;
}

// TextDecoder is a WHATWG API present in every runtime this engine runs in (Node 22, Chromium,
// workers) but not in the ES2023 lib the pure core compiles against: only the shape used is declared.
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(input: Uint8Array): string };
};

/**
 * The text of an XML file: a byte-order mark (UTF-8, UTF-16) wins; otherwise valid UTF-8 is UTF-8,
 * and anything else is read as GB18030 (a superset of GBK and GB2312). Bytes are tried as UTF-8
 * first even when the declaration says GBK: generators that declare GBK and write UTF-8 exist, and
 * Chinese text in GBK is practically never valid UTF-8.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
