// dossier.json: parsed with zod, every problem reported with the JSON path that holds it.
import { z } from 'zod';
import { tryParseYuan } from '../money/yuan';
import { DOCUMENT_KINDS, type DossierManifest } from '../types';

const yuanString = z.string().refine((text) => tryParseYuan(text) !== null, { message: 'is not an amount in yuan such as "12720.00"' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'is not a date YYYY-MM-DD' });

export const manifestSchema = z.looseObject({
  schema: z.literal('dossier-desk/dossier@1', { message: 'must be "dossier-desk/dossier@1"' }),
  program: z.string().min(1, { message: 'must name a program id' }),
  applicant: z.looseObject({
    name: z.string().min(1, { message: 'must not be empty' }),
    creditCode: z.string().optional(),
    category: z.string().min(1, { message: 'must not be empty' }),
    contact: z.looseObject({ name: z.string().optional(), phone: z.string().optional() }).optional(),
  }),
  documents: z.array(z.looseObject({
    file: z.string().min(1),
    kind: z.enum(DOCUMENT_KINDS, { message: `must be one of ${DOCUMENT_KINDS.join(', ')}` }).default('other'),
  })).default([]),
  claims: z.array(z.looseObject({
    id: z.string().min(1),
    description: z.string().optional(),
    counterparty: z.string().optional(),
    contractNo: z.string().optional(),
    invoiceNumbers: z.array(z.string()).optional(),
    amount: yuanString,
    paidAmount: yuanString.optional(),
    invoiceDate: isoDate.optional(),
  })).default([]),
});

export type ManifestParse = { ok: true; manifest: DossierManifest } | { ok: false; errors: string[] };

function describePath(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}${text ? '.' : ''}${String(key)}`), '') || '(root)';
}

/** Parses and validates dossier.json text; duplicate claim ids are an error too. */
export function parseManifest(text: string): ManifestParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 20).map((issue) => `${describePath(issue.path)} ${issue.message}`) };
  }
  const ids = new Set<string>();
  const errors: string[] = [];
  parsed.data.claims.forEach((claim, index) => {
    if (ids.has(claim.id)) errors.push(`claims[${index}].id "${claim.id}" is used by an earlier claim`);
    ids.add(claim.id);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, manifest: parsed.data as DossierManifest };
}
