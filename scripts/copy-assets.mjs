// Copies non-TypeScript files a build needs at run time (e.g. seed manifests) from one tree to another.
import fs from 'node:fs';
import path from 'node:path';

const [from, to, ...exts] = process.argv.slice(2);
for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !exts.some((e) => entry.name.endsWith(e))) continue;
  const src = path.join(entry.parentPath ?? entry.path, entry.name);
  const dest = path.join(to, path.relative(from, src));
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(src, dest);
}
