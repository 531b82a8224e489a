/** The usage line and the help screen (kept within 80 columns). */

export const USAGE = 'Usage: webinfra-learn [learn|list|validate|progress|sim|demo|design] [...]';

export function helpText(version: string, progressFile: string): string {
  return `webinfra-learn ${version}: learn web infrastructure design in your terminal

${USAGE}

Commands:
  learn                  open the course where you left off (the default)
  list [--json]          print the course outline with lesson ids
  validate [DIR]         check a course folder (default: the built-in one);
                         prints each problem as file:line: message, exit 1
                         if there is any
  progress reset [--lesson ID] [--yes]
                         forget all progress, or one lesson's (asks first)
  progress export FILE [--force]
                         save progress and your designs as JSON (FILE '-' =
                         standard output; an existing FILE is replaced only
                         with --force)
  progress import FILE [--yes]
                         replace progress with an exported file (checked
                         first, asks before replacing; a design it replaces
                         is kept as task-N.before-import.yaml)
  sim SCENARIO [...]     run a simulation without the course (sim --help)
  demo PLAYLIST.yaml     play a list of live demos; n / p move between them
  design [--task N] [FILE]
                         build your own design of task N (a terminal only)
  design check FILE --task N [--json]
                         which of task N's requirements your design meets;
                         exit 1 if some are not
  design drill FILE [--json]
                         every fault on your design: who notices, failed
                         requests, single points of failure (design --help)

Options:
  --lesson ID            open this lesson directly (ids: webinfra-learn list)
  --course DIR           use the lessons in DIR instead of the built-in course
  --theme NAME           default, or projector (bold and high contrast)
  --no-color             no colours (also when NO_COLOR is set)
  --ascii                no box drawing or emoji (for old Windows consoles)
  --screen-reader        the course as text said once, top to bottom, with
                         roles and states (also INK_SCREEN_READER=true)
  --reduced-motion       no moving requests in labs (state changes shown)
  -y, --yes              do not ask for confirmation (progress reset/import)
  -h, --help             show this help
  -v, --version          show the version

Progress is saved in:
  ${progressFile}
  (set WEBINFRA_LEARN_HOME to keep it in another folder)

Examples:
  npx webinfra-learn                      start, or continue where you stopped
  webinfra-learn --lesson sws-dns         open one lesson (for instructors)
  webinfra-learn validate my-lessons      check lessons you are writing
  webinfra-learn progress export progress-backup.json
  webinfra-learn sim distributed --at 30:kill:web-2
  webinfra-learn design drill my-design.yaml
`;
}
