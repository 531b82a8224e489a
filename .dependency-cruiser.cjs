/**
 * The walls of the house (DESIGN.md "The house"), checked by `npm run walls`:
 *
 *   cli → ui → {design, labs, course, quiz, progress, diagram} → sim → text
 *
 * Imports run one way. The pure core (everything but ui/ and cli/) never
 * imports React or Ink, so a test, the headless commands or another front end
 * can use it unchanged.
 */
const part = (name) => `^src/${name}/`;
const parts = (...names) => `^src/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'sim-and-diagram-are-the-bottom',
      comment:
        'The simulator and the diagram are pure and below everything else: they never ' +
        'import the course, quizzes, progress, labs, design, the UI or the CLI.',
      severity: 'error',
      from: { path: parts('sim', 'diagram') },
      to: { path: parts('course', 'quiz', 'progress', 'labs', 'design', 'ui', 'cli') },
    },
    {
      name: 'text-is-the-floor',
      comment: 'src/text (edit distance, suggestions, the styled-line model) serves every part and imports none.',
      severity: 'error',
      from: { path: part('text') },
      to: { path: parts('sim', 'diagram', 'course', 'quiz', 'progress', 'labs', 'design', 'ui', 'cli') },
    },
    {
      name: 'core-never-imports-ui-or-cli',
      comment:
        'course, quiz, progress, labs and design are pure: the UI and the CLI use them, ' +
        'never the other way round.',
      severity: 'error',
      from: { path: parts('course', 'quiz', 'progress', 'labs', 'design') },
      to: { path: parts('ui', 'cli') },
    },
    {
      name: 'ui-never-imports-cli',
      comment: 'The CLI starts the UI; the UI does not reach back into argv handling.',
      severity: 'error',
      from: { path: part('ui') },
      to: { path: part('cli') },
    },
    {
      name: 'react-and-ink-only-in-ui',
      comment:
        'Nothing outside src/ui/ imports React or Ink (the CLI reaches them through ui/).',
      severity: 'error',
      from: { path: '^src/', pathNot: part('ui') },
      to: { path: '^node_modules/(react|react-dom|ink|ink-[^/]+|@inkjs/[^/]+)/' },
    },
    {
      name: 'no-cycles-between-parts',
      comment:
        'Two parts that import each other (even through types, even through a third) ' +
        'are one part: move the shared piece down to the lower one.',
      severity: 'error',
      // Folder scope: course → quiz → progress → course is a cycle between parts even
      // when no single file imports itself back.
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports build walls too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
