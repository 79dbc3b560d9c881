// The interface tells the sentence of a message from the dossier's data written into it by
// language: in an English sentence every Chinese run is data (src-renderer/ui/message-parts.ts).
// That holds only while no English message template of the engine, and no English text of a
// program profile, holds a Chinese character of its own. This test reads every template.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const ENGLISH_KEYS = new Set(['en', 'messageEn']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Literal text of every string and template part written inside an English message expression. */
function literalTexts(node: ts.Node): string[] {
  const texts: string[] = [];
  const visit = (child: ts.Node) => {
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) texts.push(child.text);
    else if (ts.isTemplateExpression(child)) {
      texts.push(child.head.text, ...child.templateSpans.map((span) => span.literal.text));
    }
    if (ts.isElementAccessExpression(child)) return;
    ts.forEachChild(child, visit);
  };
  visit(node);
  return texts;
}

let templatesRead = 0;

function chineseInEnglishTemplates(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const hits: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && ENGLISH_KEYS.has(node.name.getText(source))) {
      templatesRead += 1;
      for (const text of literalTexts(node.initializer)) {
        if (CJK.test(text)) hits.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

function chineseInProfileEnglish(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => chineseInProfileEnglish(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => (
    ENGLISH_KEYS.has(key) && typeof item === 'string' && CJK.test(item) ? [`${path}.${key}: ${item}`] : chineseInProfileEnglish(item, `${path}.${key}`)
  ));
}

describe('English message templates hold no Chinese of their own', () => {
  it('finds a Chinese word planted in an English template (the check bites)', () => {
    expect(chineseInEnglishTemplates(join(root, 'probe.ts'), 'const finding = { zh: `缺少${x}`, en: `Missing ${x} 发票` };')).toHaveLength(1);
    expect(chineseInEnglishTemplates(join(root, 'probe.ts'), "const finding = { zh: '缺少', en: cond ? 'a' : '、' };")).toHaveLength(1);
    expect(chineseInEnglishTemplates(join(root, 'probe.ts'), 'const finding = { zh: `缺少${x}`, en: `Missing ${x}` };')).toEqual([]);
  });

  it('in the engine', () => {
    templatesRead = 0;
    const hits = sourceFiles(join(root, 'src-renderer/core')).flatMap((file) => chineseInEnglishTemplates(file, readFileSync(file, 'utf8')));
    expect(hits).toEqual([]);
    expect(templatesRead).toBeGreaterThan(100);
  });

  it('in the program profiles', () => {
    const directory = join(root, 'resources/profiles');
    const hits = readdirSync(directory).filter((name) => name.endsWith('.json'))
      .flatMap((name) => chineseInProfileEnglish(JSON.parse(readFileSync(join(directory, name), 'utf8')), name));
    expect(hits).toEqual([]);
  });
});
