// Attachments: the two-phase upload (create → bytes), downloads with safe
// headers, and claiming uploaded attachments for a message's thread.

import type { Attachment, CreateAttachmentParams, ThreadMetadata } from '@chat-widget/protocol';
import { badRequest, ChatKitRequestError, notFound } from './errors.js';
import { json, readBody } from './http.js';
import { newId, timestamp } from './ids.js';
import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import { essence, mimeAllowed, SNIFFED, sniffType } from './sniff.js';
import type { StoredAttachment } from './store.js';
import { wireAttachment } from './wire.js';

const withQuery = (base: string, key: string, value: string) => {
  const url = new URL(base);
  url.searchParams.set(key, value);
  return url.toString();
};

const tooLarge = (config: HandlerConfig) =>
  new ChatKitRequestError(
    413,
    'ERR_PAYLOAD_TOO_LARGE',
    `Attachments are limited to ${config.maxUploadBytes} bytes`,
  );

const unsupported = (message: string) =>
  new ChatKitRequestError(415, 'ERR_UNSUPPORTED_MEDIA_TYPE', message);

/** RFC 8187 `filename*` value: percent-encodes everything but its attr-chars. */
const filenameStar = (name: string) =>
  `UTF-8''${encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

/** `attachments.create`: records the attachment and answers with where to upload its bytes. */
export async function createAttachment(
  config: HandlerConfig,
  params: CreateAttachmentParams,
  userId: string,
  http: Request,
): Promise<Response> {
  const { name, size, mime_type } = params;
  if (size > config.maxUploadBytes) throw tooLarge(config);
  const accepted = config.options.attachmentTypes;
  if (accepted && !mimeAllowed(mime_type, accepted)) {
    throw unsupported(`Attachments of type ${essence(mime_type)} are not accepted`);
  }
  const id = newId('atc');
  const base = config.endpointUrl(http);
  const upload_descriptor = {
    url: withQuery(base, 'upload', id),
    method: 'POST' as const,
    headers: {},
  };
  // Only raster types whose bytes are checked are images (previews shown inline); an SVG
  // or anything else is a file, always served as a download.
  const type = essence(mime_type);
  const attachment: Attachment =
    type.startsWith('image/') && SNIFFED.has(type)
      ? {
          id,
          name,
          mime_type,
          upload_descriptor,
          type: 'image',
          preview_url: withQuery(base, 'attachment', id),
        }
      : { id, name, mime_type, upload_descriptor, type: 'file' };
  await config.store.saveAttachment(userId, {
    attachment,
    size,
    uploaded: false,
    created_at: timestamp(),
  });
  return json(attachment);
}

/** Second phase of a two-phase upload: the bytes, as multipart (`file`) or raw. */
export async function handleUpload(
  config: HandlerConfig,
  http: Request,
  attachmentId: string,
  ctx: ChatKitRequestContext,
): Promise<Response> {
  const { store, maxUploadBytes } = config;
  if (http.method !== 'POST' && http.method !== 'PUT') {
    throw new ChatKitRequestError(405, 'ERR_METHOD_NOT_ALLOWED', 'Upload with POST or PUT');
  }
  const record = await store.loadAttachment(ctx.userId, attachmentId);
  if (!record) throw notFound('Attachment');
  const body = await readBody(http, maxUploadBytes + 64 * 1024);
  let data = body;
  const type = http.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Request('http://upload.invalid/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: body as Uint8Array<ArrayBuffer>,
      }).formData();
    } catch {
      throw badRequest('Malformed multipart body');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') throw badRequest('Multipart body has no "file" field');
    data = new Uint8Array(await file.arrayBuffer());
  }
  if (data.byteLength > maxUploadBytes) throw tooLarge(config);
  const declared = essence(record.attachment.mime_type);
  if (SNIFFED.has(declared) && sniffType(data) !== declared) {
    throw unsupported(`The uploaded bytes are not ${declared}`);
  }
  await store.saveAttachmentData(ctx.userId, attachmentId, data);
  record.uploaded = true;
  record.size = data.byteLength;
  record.attachment = wireAttachment(record.attachment);
  await store.saveAttachment(ctx.userId, record);
  return json(record.attachment);
}

/**
 * The bytes of an uploaded attachment, to its owner only (anyone else gets 404): checked
 * images inline with their type, PDF as a download with its type, anything else as
 * `application/octet-stream`; never sniffed, never run (CSP sandbox).
 */
export async function handleDownload(
  config: HandlerConfig,
  attachmentId: string,
  ctx: ChatKitRequestContext,
): Promise<Response> {
  const record = await config.store.loadAttachment(ctx.userId, attachmentId);
  const data = record && (await config.store.loadAttachmentData(ctx.userId, attachmentId));
  if (!record || !data) throw notFound('Attachment');
  const declared = essence(record.attachment.mime_type);
  const inline = record.attachment.type === 'image' && SNIFFED.has(declared);
  const verified = SNIFFED.has(declared) && sniffType(data) === declared;
  return new Response(data as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': verified ? declared : 'application/octet-stream',
      'content-disposition': `${inline && verified ? 'inline' : 'attachment'}; filename*=${filenameStar(record.attachment.name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=300',
    },
  });
}

/**
 * Checks that every attachment is the user's, uploaded, and free or already on this thread,
 * then binds them all to the thread (none is bound if one fails).
 */
export async function claimAttachments(
  config: HandlerConfig,
  userId: string,
  thread: ThreadMetadata,
  attachmentIds: readonly string[],
): Promise<Attachment[]> {
  const { store } = config;
  const records: StoredAttachment[] = [];
  for (const attachmentId of attachmentIds) {
    const record = await store.loadAttachment(userId, attachmentId);
    if (!record) throw notFound(`Attachment ${JSON.stringify(attachmentId)}`);
    if (!record.uploaded) throw badRequest(`Attachment ${attachmentId} has not been uploaded yet`);
    if (record.attachment.thread_id && record.attachment.thread_id !== thread.id) {
      throw badRequest(`Attachment ${attachmentId} belongs to another thread`);
    }
    records.push(record);
  }
  const attachments: Attachment[] = [];
  for (const record of records) {
    record.attachment = { ...wireAttachment(record.attachment), thread_id: thread.id };
    await store.saveAttachment(userId, record);
    attachments.push(record.attachment);
  }
  return attachments;
}
