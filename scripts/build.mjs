// Bundles the app into dist/ with every dependency inlined, so the published
// package has no runtime dependencies. See DESIGN.md "Shipping" for why each
// option is here.
import { build } from 'esbuild';
import { rm, writeFile, readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
await rm(path.join(root, 'dist'), { recursive: true, force: true });

const emptyDevtools = {
  name: 'empty-devtools',
  setup(b) {
    // Ink imports react-devtools-core only when DEV=true; it is optional and large.
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
    // Ink reads DEV through `import process from 'node:process'`, which the `define`
    // below cannot reach: DEV=true in a learner's shell would load the empty stub
    // and crash. Its switch is turned off at the source.
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]utils\.js$/ }, () => ({ contents: 'export const isDev = () => false;', loader: 'js' }));
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
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true, // heavy parts (Ink UI, Markdown, simulator) load on first use
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  banner: {
    // signal-exit and other CommonJS dependencies call require().
    js: "import { createRequire as __wl_createRequire } from 'node:module'; const require = __wl_createRequire(import.meta.url);",
  },
  plugins: [emptyDevtools, stubHeavy],
  logLevel: 'warning',
});

// The metafile is for size analysis only; keep it out of the published dist/.
await mkdir(path.join(root, '.build'), { recursive: true });
await writeFile(path.join(root, '.build', 'meta.json'), JSON.stringify(result.metafile));

// Load the built-in course once, with the code just built, and store it in
// dist/course.json: even a learner's first start then skips parsing the lessons.
// A course with errors fails the build.
const { prebuildCourse } = await import(pathToFileURL(path.join(root, 'dist', 'cli.js')).href);
const problems = await prebuildCourse();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

// Third-party licences of everything inlined into the bundle.
const require = createRequire(import.meta.url);
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
void require;
const text = [...packages.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, p]) => `${name}@${p.version} — ${p.license}\n\n${p.text || '(no licence file shipped by the package)'}\n`)
  .join('\n' + '-'.repeat(72) + '\n\n');
await writeFile(
  path.join(root, 'THIRD_PARTY_LICENSES.txt'),
  `webinfra-learn bundles the following packages.\n\n${text}`,
);
const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
console.log(`built dist/ (${(bytes / 1024).toFixed(0)} KiB, ${packages.size} bundled packages)`);
