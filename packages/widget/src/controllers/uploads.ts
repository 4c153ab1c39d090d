/**
 * The composer's attachments: which files may be attached (type, size, count), their
 * upload with progress (ChatKit's two-phase or direct strategy), cancelling and
 * deleting them, and handing the uploaded ones to a message. Plain TS: the element
 * renders `files` and `notices` and calls the methods.
 */
import type { Attachment } from '@chat-widget/protocol';
import { pageUrl } from '../internal/http-url.js';
import type { ChatTransport, UpdateHost } from './transport.js';

/** How files reach the server, as ChatKit's `uploadStrategy`. */
export type UploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

/** The `attachments` property: ChatKit's `composer.attachments` plus the upload strategy. */
export interface ChatWidgetAttachments {
  /** MIME types (`image/*` allowed) to file name extensions, e.g. `{ "application/pdf": [".pdf"] }`. Default: any file. */
  accept?: Record<string, string[]>;
  /** Largest file in bytes, or per MIME pattern (`"*"` for the rest). Default 100 MB. */
  maxSize?: number | Record<string, number>;
  /** Most files in one message. Default 10. */
  maxCount?: number;
  /** Default `{ type: "two_phase" }`. */
  uploadStrategy?: UploadStrategy;
}

/** Why a file was not attached (or its upload failed): the key of the text that says so. */
export type UploadProblem =
  | 'errorFileTooLarge'
  | 'errorFileType'
  | 'errorTooManyFiles'
  | 'errorUpload';

export interface UploadNotice {
  problem: UploadProblem;
  name: string;
  /** The limit it broke: bytes (too large) or files (too many). */
  limit?: number;
}

/** A file in the composer. */
export interface DraftFile {
  readonly file: File;
  /** An object URL of a local image, for its preview. */
  readonly preview: string | null;
  /** Upload progress, 0…1. */
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  /** The server's attachment (after `attachments.create`; complete once done). */
  attachment: Attachment | null;
  abort?: AbortController;
}

/** Where the uploads authenticate: the bearer token goes to the API's origin only. */
export interface UploadAuth {
  _origin(): string | null;
  _token(): Promise<string>;
}

const MB = 1024 * 1024;

const matches = (pattern: string, type: string) =>
  pattern === '*' ||
  pattern === '' ||
  pattern === '*/*' ||
  (pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type);

/** The `accept` attribute of the file input for these options. */
export const acceptAttribute = (accept: ChatWidgetAttachments['accept']): string =>
  accept ? Object.entries(accept).flat(2).join(',') : '';

/** Whether `file` is one of the accepted types (by MIME type or name extension). */
export const accepted = (file: File, accept: ChatWidgetAttachments['accept']): boolean => {
  if (!accept) return true;
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return Object.entries(accept).some(
    ([mime, extensions]) =>
      (type !== '' && matches(mime.toLowerCase(), type)) ||
      extensions.some((ext) => ext !== '' && name.endsWith(ext.toLowerCase())),
  );
};

/** The size limit that applies to `type`: exact pattern, then its family (`image/*`), then the rest. */
export const sizeLimit = (type: string, maxSize: ChatWidgetAttachments['maxSize']): number => {
  if (typeof maxSize === 'number') return maxSize;
  const m = maxSize ?? {};
  return m[type] ?? m[`${type.split('/')[0]}/*`] ?? m['*/*'] ?? m['*'] ?? m[''] ?? 100 * MB;
};

/** Why an upload stopped never shows (the file is marked failed): one error for all. */
const uploadFailed = () => new Error('upload failed');

const isAttachment = (value: unknown): value is Attachment =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Attachment).id === 'string' &&
  typeof (value as Attachment).name === 'string';

export class UploadController {
  _files: DraftFile[] = [];
  /** What went wrong with the files last added or uploaded (shown inline). */
  _notices: UploadNotice[] = [];
  _options: ChatWidgetAttachments | null = null;
  _transport: ChatTransport | null = null;
  /** Files handed to the last message: back into the composer if it never reached the server. */
  private _sent: DraftFile[] = [];

  constructor(
    private readonly _host: UpdateHost,
    private readonly _auth: UploadAuth,
  ) {}

  /** Every file is uploaded (nothing running or failed). */
  get _ready(): boolean {
    return this._files.every((f) => f.status === 'done');
  }

  /** Validates and starts uploading `list`; the refused ones become notices. */
  _add(list: Iterable<File>): void {
    const options = this._options;
    if (!options) return;
    const notices: UploadNotice[] = [];
    const maxCount = options.maxCount ?? 10;
    for (const file of list) {
      const { name } = file;
      const maxSize = sizeLimit(file.type.toLowerCase(), options.maxSize);
      const notice: UploadNotice | null =
        this._files.length >= maxCount
          ? { problem: 'errorTooManyFiles', name, limit: maxCount }
          : !accepted(file, options.accept)
            ? { problem: 'errorFileType', name }
            : file.size > maxSize
              ? { problem: 'errorFileTooLarge', name, limit: maxSize }
              : null;
      if (notice) {
        notices.push(notice);
        continue;
      }
      const entry: DraftFile = {
        file,
        preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
        progress: 0,
        status: 'uploading',
        attachment: null,
      };
      this._files = [...this._files, entry];
      void this._upload(entry);
    }
    this._notices = notices;
    this._host.requestUpdate();
  }

  /** Takes a file out of the composer: stops its upload, deletes it on the server. */
  _remove(entry: DraftFile): void {
    this._files = this._files.filter((f) => f !== entry);
    this._notices = [];
    this._discard(entry);
    this._host.requestUpdate();
  }

  /** Hands the uploaded attachments to a message and empties the composer. */
  _take(): Attachment[] {
    for (const entry of this._sent) if (entry.preview) URL.revokeObjectURL(entry.preview);
    this._sent = this._files;
    this._files = [];
    this._notices = [];
    this._host.requestUpdate();
    return this._sent.map((f) => f.attachment!);
  }

  /** The message never reached the server: its files come back (unless others were added). */
  _restore(): void {
    if (this._files.length === 0) this._files = this._sent;
    this._sent = [];
    this._host.requestUpdate();
  }

  /** Forgets every file (another conversation, sign-out): stops and deletes them. */
  _clear(): void {
    for (const entry of this._files) this._remove(entry);
  }

  private _discard(entry: DraftFile) {
    entry.abort?.abort();
    if (entry.preview) URL.revokeObjectURL(entry.preview);
    const id = entry.attachment?.id;
    if (id && this._transport)
      this._transport
        .request({ type: 'attachments.delete', params: { attachment_id: id } })
        .catch(() => {
          // Gone already, or the server keeps it: nothing the user can act on.
        });
  }

  private async _upload(entry: DraftFile): Promise<void> {
    const abort = new AbortController();
    entry.abort = abort;
    const { file } = entry;
    const strategy = this._options?.uploadStrategy ?? { type: 'two_phase' };
    try {
      const form = new FormData();
      form.set('file', file, file.name);
      let result: unknown;
      if (strategy.type === 'direct') {
        result = await this._send('POST', strategy.uploadUrl, {}, form, entry, abort.signal);
      } else {
        if (!this._transport) throw uploadFailed();
        const created = await this._transport.request(
          {
            type: 'attachments.create',
            params: {
              name: file.name,
              size: file.size,
              mime_type: file.type || 'application/octet-stream',
            },
          },
          { signal: abort.signal },
        );
        entry.attachment = created;
        if (abort.signal.aborted) return this._discard(entry);
        const target = created.upload_descriptor;
        result = target
          ? await this._send(
              target.method,
              target.url,
              target.headers ?? {},
              target.method === 'PUT' ? file : form,
              entry,
              abort.signal,
            )
          : created;
        if (!isAttachment(result)) result = created;
      }
      if (!isAttachment(result)) throw uploadFailed();
      // As a message carries it: without its upload descriptor.
      const { upload_descriptor: _, ...attachment } = result;
      entry.attachment = attachment as Attachment;
      entry.status = 'done';
      entry.progress = 1;
    } catch {
      if (abort.signal.aborted) return;
      entry.status = 'failed';
      this._notices = [...this._notices, { problem: 'errorUpload', name: file.name }];
    }
    this._host.requestUpdate();
  }

  /** One upload request with progress (XMLHttpRequest: fetch reports no upload progress). */
  private async _send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: Blob | FormData,
    entry: DraftFile,
    signal: AbortSignal,
  ): Promise<unknown> {
    const target = pageUrl(url, 'upload URL');
    if (!target) throw uploadFailed();
    const auth: Record<string, string> =
      target.origin === this._auth._origin()
        ? { Authorization: `Bearer ${await this._auth._token()}` }
        : {};
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, target.href);
      for (const [name, value] of Object.entries({ ...headers, ...auth }))
        xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (!event.lengthComputable) return;
        entry.progress = event.loaded / event.total;
        this._host.requestUpdate();
      };
      xhr.onload = () => {
        if (xhr.status < 200 || xhr.status > 299) return reject(uploadFailed());
        try {
          resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null);
        } catch {
          resolve(null);
        }
      };
      xhr.onerror = xhr.onabort = () => reject(uploadFailed());
      signal.addEventListener('abort', () => xhr.abort());
      xhr.send(body);
    });
  }
}
