// `npm run build`'s first step: src/main.ts bundled by esbuild into dist/main.js, one file to load at start instead of
// hundreds of modules, and the understanding step's scorer snapshot (then scripts/copy-assets.mjs copies the example
// utterances; cards/ stays at the root).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

/**
 * Stay outside the bundle: native (better-sqlite3, bunyan's optional dtrace-provider) or loaded on first use by name (the lazy() packages through
 * createRequire are never seen by esbuild anyway), the sandbox (a dev workspace, never shipped), and pino's
 * transport machinery, which starts worker files by path.
 */
export const EXTERNAL = ['better-sqlite3', 'dtrace-provider', '@palisade/sandbox', '@palisade/sandbox/*', 'thread-stream', 'pino-pretty'];

/**
 * Modules find their files (card templates, example utterances) relative to themselves: each src file keeps the
 * import.meta.url it would have as dist/<same path>.js, so paths resolve as in the unbundled layout.
 */
const moduleUrlAsIfUnbundled = {
  name: 'module-url-as-if-unbundled',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = path.relative(SRC, args.path).replace(/\\/g, '/').replace(/\.ts$/, '.js');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(`./${rel}`)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/** Bundled CommonJS packages require node builtins; an ES module has no `require` of its own. */
const banner = "import { createRequire as __palisadeCreateRequire } from 'node:module'; const require = __palisadeCreateRequire(import.meta.url);";

export async function buildMain() {
  fs.rmSync(DIST, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(SRC, 'main.ts')],
    outdir: DIST,
    // what main.ts and the code after it load with import() (Palisade itself, the blob store, telemetry) is a chunk
    // of its own, read when first imported
    splitting: true,
    chunkNames: '[name]-[hash]', // beside main.js: module URLs below are relative to dist/
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    banner: { js: banner },
    plugins: [moduleUrlAsIfUnbundled],
    logLevel: 'warning',
    metafile: true,
  });
}

/**
 * The understanding step's scorer as data (src/understanding/scorerSnapshot.ts), built once here from the example
 * files instead of on the first message of every process; the runtime checks it was made from the examples it ships.
 */
export async function writeScorerSnapshot() {
  const { tsImport } = await import('tsx/esm/api');
  const { buildScorerSnapshot } = await tsImport(pathToFileURL(path.join(SRC, 'understanding/scorerSnapshot.ts')).href, import.meta.url);
  const out = path.join(DIST, 'understanding', 'scorer-snapshot.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, buildScorerSnapshot(path.join(SRC, 'commands', 'examples')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildMain();
  await writeScorerSnapshot();
}
