// Incremental Server-Sent Events decoder (the subset of the WHATWG format a ChatKit
// server can send). Bytes in, messages out; chunks may split lines, CRLF pairs and
// multi-byte UTF-8 characters anywhere. Work is linear in the input size.

/**
 * One dispatched SSE message. ChatKit sends no `event`; `id` (the last id seen, as the
 * SSE spec keeps it) comes from servers that resume replies: `<turn_id>:<seq>`.
 */
export interface SSEMessage {
  data: string;
  event?: string;
  id?: string;
}

export class SSEDecoder {
  #text = new TextDecoder('utf-8');
  #buffer = '';
  #afterCR = false;
  #bomChecked = false;
  #data: string[] = [];
  #event: string | undefined;
  #id: string | undefined;

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: Uint8Array | string): SSEMessage[] {
    const text = typeof chunk === 'string' ? chunk : this.#text.decode(chunk, { stream: true });
    return this.#feed(text);
  }

  /**
   * Ends the input. A message that was not terminated by a blank line is dropped, as
   * the SSE spec says; `incomplete` tells the caller that happened (a truncated stream).
   */
  end(): { messages: SSEMessage[]; incomplete: boolean } {
    const messages = this.#feed(this.#text.decode());
    const incomplete = this.#buffer.length > 0 || this.#data.length > 0;
    this.#buffer = '';
    this.#data = [];
    this.#event = undefined;
    return { messages, incomplete };
  }

  #feed(text: string): SSEMessage[] {
    if (!this.#bomChecked && text.length > 0) {
      this.#bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: SSEMessage[] = [];
    let start = 0;
    // A CR ending the previous chunk may be the first half of a CRLF.
    if (this.#afterCR && text.charCodeAt(0) === 10) start = 1;
    this.#afterCR = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = this.#buffer + text.slice(start, i);
      this.#buffer = '';
      this.#line(line, out);
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else this.#afterCR = true;
      }
      start = i + 1;
    }
    if (start < text.length) this.#buffer += text.slice(start);
    return out;
  }

  #line(line: string, out: SSEMessage[]): void {
    if (line === '') {
      if (this.#data.length > 0) {
        const message: SSEMessage = { data: this.#data.join('\n') };
        if (this.#event !== undefined) message.event = this.#event;
        if (this.#id !== undefined) message.id = this.#id;
        out.push(message);
      }
      this.#data = [];
      this.#event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      // `retry` and unknown fields are ignored.
    }
  }
}

/** Decodes a whole SSE text (e.g. a recorded fixture) into messages. */
export function parseSSE(text: string): SSEMessage[] {
  const decoder = new SSEDecoder();
  const messages = decoder.push(text);
  messages.push(...decoder.end().messages);
  return messages;
}
