// Static pages for both origins. Everything is a file under demo/public (no
// inline scripts or styles), served with a strict Content-Security-Policy.
// HTML files may hold {{PLACEHOLDERS}} filled per origin (the main origin's URL
// for the embed page), so no script has to be inlined to pass configuration.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Context } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Only plain file names: no directories, no dot files, nothing to traverse with. */
const SAFE_NAME = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9]+)+$/;

export interface CspOptions {
  /** Extra origins allowed to serve scripts and answer fetches (the main origin, on the embed page). */
  extraOrigins?: string[];
}

export function contentSecurityPolicy({ extraOrigins = [] }: CspOptions = {}) {
  const extra = extraOrigins.length ? ` ${extraOrigins.join(' ')}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${extra}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface StaticFilesOptions {
  root: string;
  /** Values for {{NAME}} in HTML files. */
  replacements?: Record<string, string>;
  csp: string;
}

/** Serves one named file from `root`; returns null when there is no such file. */
export async function serveFile(c: Context, name: string, options: StaticFilesOptions) {
  if (!SAFE_NAME.test(name)) return null;
  const ext = extname(name);
  const type = CONTENT_TYPES[ext];
  if (!type) return null;
  let body: Buffer | string;
  try {
    body = await readFile(join(options.root, name));
  } catch {
    return null;
  }
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
  if (ext === '.html') {
    let html = body.toString('utf8');
    for (const [key, value] of Object.entries(options.replacements ?? {})) {
      html = html.replaceAll(`{{${key}}}`, escapeAttribute(value));
    }
    body = html;
    headers['Content-Security-Policy'] = options.csp;
  }
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, headers);
}

function escapeAttribute(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
