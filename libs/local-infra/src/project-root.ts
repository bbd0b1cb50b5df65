import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the directory of credit-share's package.json), from source or from dist/. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'credit-share')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`credit-share's package.json not found above ${from}`);
    dir = parent;
  }
}
