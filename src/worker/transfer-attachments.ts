import { transfer } from 'comlink';
import type { ImageAttachment } from '../engine/message.js';

/**
 * The buffers of image attachments that can move to the worker instead of being copied: an
 * ImageBitmap, or pixel bytes whose view spans their whole buffer (moving a buffer shared with
 * other views would detach data the caller never handed over). Blobs are passed by reference anyway.
 */
function transferablesOf(image: ImageAttachment): Transferable[] {
  const data: unknown = image.data;
  if (typeof ImageBitmap !== 'undefined' && data instanceof ImageBitmap) return [data];
  const bytes = ArrayBuffer.isView(data) ? data : (data as { data?: unknown } | null)?.data;
  if (!ArrayBuffer.isView(bytes) || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

/**
 * Marks `value` so comlink moves its attachments' pixel buffers to the worker rather than copying
 * them; the caller's buffers are detached afterwards.
 */
export function withTransferredAttachments<T extends object>(value: T, attachments: readonly ImageAttachment[] | undefined): T {
  const transferables = (attachments ?? []).flatMap(transferablesOf);
  return transferables.length === 0 ? value : transfer(value, transferables);
}
