/**
 * TypeScript 7 (the `typescript` package) type-checks the project, but it has
 * no JavaScript compiler API. The two tools that need one — ESLint's
 * TypeScript parser and dependency-cruiser — run with this module preloaded
 * (`node --import ./scripts/typescript-api.mjs …`): it points every import of
 * `typescript` (and `typescript/…`) at TypeScript 6's API, installed beside
 * TypeScript 7 as `@typescript/typescript6`, for both `require` and `import`.
 *
 * Type-check with `npm run typecheck` (TypeScript 7): `npx tsc` may find
 * TypeScript 6's `tsc`, which the compatibility package also installs.
 */
import Module, { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** Where `typescript` and `typescript/<sub>` resolve to. */
export function apiTargets() {
  const entry = require.resolve('@typescript/typescript6');
  const old = require.resolve('@typescript/old/package.json', { paths: [dirname(entry)] });
  return { entry, root: dirname(old) };
}

function mapped(specifier, targets) {
  if (specifier === 'typescript') return targets.entry;
  if (specifier.startsWith('typescript/')) return join(targets.root, specifier.slice('typescript/'.length));
  return null;
}

// --- module hooks (run in the loader thread) ---------------------------------
let hookTargets = null;

export function initialize(data) {
  hookTargets = data;
}

export async function resolve(specifier, context, next) {
  const target = hookTargets && mapped(specifier, hookTargets);
  return next(target ? pathToFileURL(target).href : specifier, context);
}

// --- preload (main thread) ---------------------------------------------------
if (isMainThread) {
  const targets = apiTargets();
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveTypescriptApi(request, ...rest) {
    return original.call(this, mapped(request, targets) ?? request, ...rest);
  };
  register(import.meta.url, { data: targets });
}
