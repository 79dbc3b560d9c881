// A message of the engine is a sentence of the interface with the dossier's own data written into
// it: file names, parties' names, quoted readings, the reviewer's notes. To show it honestly the
// data parts are told apart from the sentence: they are not translated (translate="no"), their
// invisible characters are revealed, and in an English sentence every Chinese run is data, because
// no English message template holds Chinese (test/core/message-templates.test.ts pins that).

const FILE_NAME = /[^\s：:，,；;（()）、“”"「」]+\.(?:pdf|ofd|xml|jpe?g|png|webp|tiff?|bmp|gif|csv|xlsx?|zip|docx?|json)\b/i;
const QUOTED = /“[^”]*”|"[^"\n]*"|「[^」]*」/;
const CJK_RUN = /[^\s]*[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef][^\s]*/;

export interface MessagePart {
  text: string;
  data: boolean;
}

/**
 * Splits a message into sentence and data parts. `sentenceLanguage` is the language the sentence
 * template was written in ('en' makes Chinese runs data); null when the message fell back to the
 * other language, so that nothing is hidden from the language checks.
 */
export function messageParts(message: string, sentenceLanguage: 'zh' | 'en' | null): MessagePart[] {
  const patterns = [QUOTED.source, FILE_NAME.source];
  if (sentenceLanguage === 'en') patterns.push(CJK_RUN.source);
  const splitter = new RegExp(patterns.map((pattern) => `(?:${pattern})`).join('|'), 'gi');
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of message.matchAll(splitter)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: message.slice(last, start), data: false });
    parts.push({ text: match[0], data: true });
    last = start + match[0].length;
  }
  if (last < message.length) parts.push({ text: message.slice(last), data: false });
  return parts;
}
