// UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits. Time-ordered ids keep B-tree inserts local and
// make message ids sortable by creation time. A per-process counter in the rand_a field keeps ids generated within
// the same millisecond monotonic (RFC 9562 §6.2, method 1).
import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  if (now > lastMillis) {
    lastMillis = now;
    counter = randomBytes(2).readUInt16BE(0) & 0x07ff; // leave headroom before the 12-bit counter overflows
  } else {
    counter++;
    if (counter > 0x0fff) {
      lastMillis++;
      counter = 0;
    }
  }
  const bytes = randomBytes(16);
  const millis = lastMillis;
  bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
  bytes[2] = (millis >>> 24) & 0xff;
  bytes[3] = (millis >>> 16) & 0xff;
  bytes[4] = (millis >>> 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
