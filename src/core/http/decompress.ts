import { pipeline, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';



/**
 * The response body with its `content-encoding` (gzip, deflate, br) undone as it arrives, so a
 * compressed stream still yields its events one by one. Sync flush makes a truncated stream
 * yield what it has instead of failing on the missing trailer, as browsers do.
 */
export function decodedBody(body: Readable, encoding: string | string[] | undefined): Readable {
  const name = (Array.isArray(encoding) ? encoding[0] : encoding)?.trim().toLowerCase();
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;
  switch (name) {
    case 'gzip':
    case 'x-gzip':
      decoder = zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      break;
    case 'deflate':
      decoder = zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      break;
    case 'br':
      decoder = zlib.createBrotliDecompress({
        flush: zlib.constants.BROTLI_OPERATION_FLUSH,
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
      break;
    default:
      return body;
  }
  // pipeline destroys both ends when either fails or the reader stops early.
  return pipeline(body, decoder, () => undefined);
}
