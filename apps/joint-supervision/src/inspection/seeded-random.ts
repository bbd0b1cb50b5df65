// A seeded PRNG so that a published 双随机 plan can be re-drawn by anyone from its seed (国务院关于在市场监管领域
// 全面推行部门联合"双随机、一公开"监管的意见, 国发〔2019〕5号: the draw must be open and checkable). sfc32 seeded
// with SHA-256 of the seed text: small, fast, and the same sequence on every platform.
import { createHash } from 'node:crypto';

export type Random = () => number;

export function seededRandom(seed: string): Random {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // discard the first outputs, as sfc32's authors recommend
  return next;
}

/** Fisher–Yates with the given generator: a uniformly random order, reproducible from the seed. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
