// The media type an imported original is stored under (its Blob's type), by the import's file type.
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf', ofd: 'application/ofd', xml: 'application/xml', jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp',
  csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', json: 'application/json', zip: 'application/zip',
};

export function originalMediaType(fileType: string): string {
  return MEDIA_TYPES[fileType] ?? 'application/octet-stream';
}
