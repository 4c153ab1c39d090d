// What a file really is, from its first bytes: the declared MIME type of an
// upload is the client's claim, these signatures are what browsers act on.

/** The types recognised by their bytes: raster images (shown inline) and PDF. */
export type SniffedType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'application/pdf';

const ascii = (data: Uint8Array, at: number, text: string) => {
  if (data.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (data[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The type `data` starts like, or null when it is none of {@link SniffedType}. */
export function sniffType(data: Uint8Array): SniffedType | null {
  if (ascii(data, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (ascii(data, 0, 'GIF87a') || ascii(data, 0, 'GIF89a')) return 'image/gif';
  if (ascii(data, 0, 'RIFF') && ascii(data, 8, 'WEBP')) return 'image/webp';
  if (ascii(data, 0, '%PDF-')) return 'application/pdf';
  return null;
}

/** A declared MIME type without parameters, lower case (`Image/PNG; x=y` → `image/png`). */
export const essence = (mime: string): string => (mime.split(';')[0] ?? '').trim().toLowerCase();

/** The declared types checked against the bytes (and the only images served inline). */
export const SNIFFED: ReadonlySet<string> = new Set<SniffedType>([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
]);

/** Whether `mime` matches one of `patterns` (`image/*`, `application/pdf`, `*`). */
export function mimeAllowed(mime: string, patterns: readonly string[]): boolean {
  const type = essence(mime);
  return patterns.some((p) => {
    const pattern = p.trim().toLowerCase();
    if (pattern === '*' || pattern === '*/*') return true;
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return type === pattern;
  });
}
