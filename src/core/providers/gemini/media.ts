/**
 * Images and files in OpenAI content parts → Gemini parts: a `data:` URL is sent inline
 * (`inlineData`), anything else by reference (`fileData`: Files API URIs, YouTube, public URLs).
 */

import type { FileContentPart, ImageContentPart } from '../../types';
import type { GeminiPart } from './wire';

const mimeTypesByExtension: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mov: 'video/mov',
  webm: 'video/webm',
};

/** The MIME type a file name or URL's extension suggests, if it is one Gemini takes. */
function mimeTypeFromName(name: string): string | undefined {
  let path = name;
  try {
    path = new URL(name).pathname;
  } catch {
    // Not a URL: a plain file name.
  }
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : mimeTypesByExtension[path.slice(dot + 1).toLowerCase()];
}

/** `data:image/png;base64,AAAA` → inline data; a non-base64 data URL is encoded. */
function inlinePart(url: string): GeminiPart | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) {
    return undefined;
  }
  const header = url.slice('data:'.length, comma);
  const payload = url.slice(comma + 1);
  const base64 = header.endsWith(';base64');
  const semicolon = header.indexOf(';');
  const mimeType = (semicolon < 0 ? header : header.slice(0, semicolon)) || 'application/octet-stream';
  const data = base64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { inlineData: { mimeType, data } };
}

function referencePart(uri: string, name?: string): GeminiPart {
  const mimeType = mimeTypeFromName(name ?? uri) ?? (name === undefined ? undefined : mimeTypeFromName(uri));
  return { fileData: mimeType === undefined ? { fileUri: uri } : { fileUri: uri, mimeType } };
}

export function imagePart(part: ImageContentPart): GeminiPart | undefined {
  // Some callers write `image_url: "https://…"`, as the validator accepts.
  const raw: unknown = part.image_url;
  const url = typeof raw === 'string' ? raw : part.image_url.url;
  return url.startsWith('data:') ? inlinePart(url) : referencePart(url);
}

export function filePart(part: FileContentPart): GeminiPart | undefined {
  const { file_data: data, file_id: id, filename } = part.file;
  if (typeof data === 'string' && data.length > 0) {
    if (data.startsWith('data:')) {
      return inlinePart(data);
    }
    // Bare base64 with a name: the name says what it is.
    return { inlineData: { mimeType: (filename === undefined ? undefined : mimeTypeFromName(filename)) ?? 'application/octet-stream', data } };
  }
  return typeof id === 'string' && id.length > 0 ? referencePart(id, filename) : undefined;
}
