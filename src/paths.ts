import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (where package.json is), found from this file: the
 * same whether the code runs as TypeScript from src/ or compiled into dist/src/.
 * Templates, public files and data are read from here, never from a path
 * relative to the running file.
 */
export const ROOT = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('package.json not found above src/paths');
  }
})();
