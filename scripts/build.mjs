// Bundles the app into one file, dist/cli.cjs, with every dependency inlined, so the
// published package has no runtime dependencies. See DESIGN.md "Shipping" for why
// each option is here.
//
// Why one CommonJS file and not ES modules: Node 20 has no compile cache for ES
// modules (`module.enableCompileCache` arrived in Node 22), but it can reuse V8's
// compiled code for a script (`vm.Script` with `cachedData`). The launcher
// (bin/webinfra-learn.js) compiles this file that way and keeps the code cache in the
// platform's cache folder. Heavy parts (Ink, Markdown, the simulator, YAML, zod) still
// evaluate only on first use: esbuild wraps every module reached through a dynamic
// `import()` in a lazy initialiser.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { rm, writeFile, readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
await rm(path.join(root, 'dist'), { recursive: true, force: true });
const yogaDir = path.join(root, 'node_modules', 'yoga-layout', 'dist');
const lazySegmenter = path.join(root, 'src', 'ui', 'lazy-segmenter.ts');

const emptyDevtools = {
  name: 'empty-devtools',
  setup(b) {
    // Ink imports react-devtools-core only when DEV=true; it is optional and large.
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
    // Ink's reconciler awaits those devtools (and its own package.json) at the top
    // level when DEV=true. A CommonJS bundle cannot hold a top-level await, and a
    // learner's DEV=true (set for some other program) must not change the course:
    // the devtools are never connected.
    b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, async (a) => {
      const source = await readFile(a.path, 'utf8');
      const awaits = ["await import('./devtools.js');", '? await loadPackageJson()'];
      if (!awaits.every((a) => source.includes(a))) {
        throw new Error(`${a.path}: Ink's top-level awaits changed; update scripts/build.mjs`);
      }
      const patched = source.replace(awaits[0], 'void 0;').replace(awaits[1], '? { name: undefined, version: undefined }');
      return { contents: patched, loader: 'js' };
    });
    b.onLoad({ filter: /ink[\\/]build[\\/]utils\.js$/ }, async (a) => {
      const source = await readFile(a.path, 'utf8');
      if (!source.includes("process.env['DEV'] === 'true'")) throw new Error(`${a.path}: isDev changed; update scripts/build.mjs`);
      return { contents: source.replace("process.env['DEV'] === 'true'", 'false'), loader: 'js' };
    });
  },
};

// yoga-layout (Ink's layout engine, WebAssembly) instantiates itself with a top-level
// await, which a CommonJS bundle cannot hold. Here it is instantiated synchronously
// instead, through Emscripten's `instantiateWasm` hook, from the same base64 bytes
// (which the loader exposes on its module object): Yoga is ready the moment it is
// imported, as it is for Ink unbundled, whichever screen renders first.
const yogaShim = {
  name: 'yoga-shim',
  setup(b) {
    const DATA_URI = 'H="data:application/octet-stream;base64,';
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (a) => {
      const source = await readFile(a.path, 'utf8');
      if (!source.includes(DATA_URI) || !source.includes('h.instantiateWasm(')) {
        throw new Error(`${a.path}: yoga's loader changed; update scripts/build.mjs`);
      }
      return { contents: source.replace(DATA_URI, `H=h.__webinfraLearnWasm=${DATA_URI.slice(2)}`), loader: 'js' };
    });
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga-layout', namespace: 'yoga-shim' }));
    b.onLoad({ filter: /.*/, namespace: 'yoga-shim' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: `
import loadYoga from ${JSON.stringify(path.join(yogaDir, 'binaries', 'yoga-wasm-base64-esm.js'))};
import wrapAssembly from ${JSON.stringify(path.join(yogaDir, 'src', 'wrapAssembly.js'))};
const yogaModule = {
  instantiateWasm(imports, receive) {
    const uri = yogaModule.__webinfraLearnWasm;
    const wasm = new WebAssembly.Module(Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64'));
    const instance = new WebAssembly.Instance(wasm, imports);
    receive(instance);
    return instance.exports;
  },
};
// Everything above ran synchronously; the promise only repeats it.
loadYoga(yogaModule).catch(() => undefined);
if (typeof yogaModule.Node !== 'function') throw new Error('the layout engine (yoga) did not start');
const Yoga = wrapAssembly(yogaModule);
export default Yoga;
export * from ${JSON.stringify(path.join(yogaDir, 'src', 'generated', 'YGEnums.js'))};
`,
    }));
  },
};

// string-width, slice-ansi and Ink's ansi-tokenize each build an Intl.Segmenter when
// they load; the first one costs tens of milliseconds (ICU's break data) on the way to
// the first frame. They get a segmenter that splits text it knows to be one grapheme
// per character (ASCII, Latin, box drawing, arrows…) itself and builds the real one
// only for anything else (see src/ui/lazy-segmenter.ts and its tests).
const segmenterShim = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/](string-width|slice-ansi|@alcalzone[\\/]ansi-tokenize)[\\/].*\.js$/ }, async (a) => {
      let source = await readFile(a.path, 'utf8');
      if (!source.includes('new Intl.Segmenter(')) return undefined;
      source = source.replaceAll('new Intl.Segmenter(', 'new __LazySegmenter(');
      // string-width 8: text it knows to be one cell per character (Latin, box
      // drawing, arrows, ✓ ✗ …: NARROW_RANGES), once its ANSI codes are stripped, is
      // as wide as it is long, without the grapheme and emoji machinery on the way to
      // the first frame. Placed right after string-width's own ASCII fast path.
      const asciiFastPath = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}';
      if (/[\\/]string-width[\\/]index\.js$/.test(a.path) && source.includes('Fast path: printable ASCII')) {
        if (!source.includes(asciiFastPath)) throw new Error(`${a.path}: string-width's ASCII fast path changed; update scripts/build.mjs`);
        source = source.replace(asciiFastPath, `${asciiFastPath}\n\tif (ambiguousIsNarrow && __isNarrowText(string)) {\n\t\treturn string.length;\n\t}`);
      }
      return {
        contents: `import { LazySegmenter as __LazySegmenter, isNarrowText as __isNarrowText } from ${JSON.stringify(lazySegmenter)};\n` + source,
        loader: 'js',
      };
    });
  },
};

// marked-terminal pulls in a syntax highlighter (highlight.js, parse5) and an emoji
// table that the course never uses: code blocks are config snippets shown plainly,
// and emoji shortcodes are off. Stubbing them keeps the tarball small. The
// highlighter stub throws on purpose: marked-terminal then prints the code plainly.
const stubHeavy = {
  name: 'stub-heavy',
  setup(b) {
    b.onResolve({ filter: /^(cli-highlight|node-emoji)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
    b.onLoad({ filter: /^cli-highlight$/, namespace: 'stub' }, () => ({
      contents: 'export function highlight() { throw new Error("highlighting is off"); }',
      loader: 'js',
    }));
    b.onLoad({ filter: /^node-emoji$/, namespace: 'stub' }, () => ({ contents: 'export function get() {}', loader: 'js' }));
    // `ws` is only reachable from Ink's devtools, which is replaced above.
    b.onResolve({ filter: /^ws$/ }, () => ({ path: 'ws', namespace: 'empty' }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  // For `npm run bench -- startup`'s profile only: kept in .build/, never shipped.
  sourcemap: 'external',
  define: {
    'process.env.NODE_ENV': '"production"',
    'import.meta.url': '__webinfraLearnBundleUrl',
  },
  banner: {
    // The launcher runs this file as a CommonJS module body (require, __filename …).
    js: 'var __webinfraLearnBundleUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  plugins: [emptyDevtools, yogaShim, segmenterShim, stubHeavy],
  logLevel: 'warning',
});

const code = result.outputFiles.find((f) => f.path.endsWith('.cjs'));
const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
// The build's identity, read by the launcher from the last line: the code cache is
// keyed by it, so a new build never runs with another build's compiled code.
const buildId = createHash('sha256').update(code.contents).digest('hex').slice(0, 16);
await mkdir(path.join(root, 'dist'), { recursive: true });
await writeFile(path.join(root, 'dist', 'cli.cjs'), `${code.text}//# webinfra-learn-build=${buildId}\n`);

// The metafile (size analysis) and source map (start-up profile) stay out of dist/.
await mkdir(path.join(root, '.build'), { recursive: true });
await writeFile(path.join(root, '.build', 'meta.json'), JSON.stringify(result.metafile));
await writeFile(path.join(root, '.build', 'cli.cjs.map'), map.text);

// Load the built-in course once, with the code just built, and store it in
// dist/course.json: even a learner's first start then skips parsing the lessons.
// A course with errors fails the build.
const require = createRequire(import.meta.url);
const { prebuildCourse } = require(path.join(root, 'dist', 'cli.cjs'));
const problems = await prebuildCourse();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

// Third-party licences of everything inlined into the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (!m) continue;
  const name = m[m.length - 1].replace(/^node_modules\//, '').replace(/\/$/, '');
  if (packages.has(name)) continue;
  const dir = path.join(root, input.slice(0, input.lastIndexOf(`node_modules/${name}/`)), 'node_modules', name);
  let pkg = {};
  try { pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')); } catch {}
  let licence = '';
  for (const f of ['LICENSE', 'LICENSE.md', 'license', 'license.md', 'LICENSE.txt', 'LICENCE']) {
    try { licence = await readFile(path.join(dir, f), 'utf8'); break; } catch {}
  }
  packages.set(name, { version: pkg.version ?? '?', license: pkg.license ?? '?', text: licence.trim() });
}
const text = [...packages.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, p]) => `${name}@${p.version} — ${p.license}\n\n${p.text || '(no licence file shipped by the package)'}\n`)
  .join('\n' + '-'.repeat(72) + '\n\n');
await writeFile(
  path.join(root, 'THIRD_PARTY_LICENSES.txt'),
  `webinfra-learn bundles the following packages.\n\n${text}`,
);
console.error(`built dist/cli.cjs (${(code.contents.length / 1024).toFixed(0)} KiB, ${packages.size} bundled packages, build ${buildId})`);
