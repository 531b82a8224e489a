/** `list [--json]`: the course outline. */
import type { CliOptions } from './args';
import { courseForCli, reportCourseProblems } from './course-for-cli';
import type { CliIo } from './io';
import { outlineJson, outlineText } from './outline';

export async function runList(options: CliOptions, io: CliIo): Promise<number> {
  const loaded = await courseForCli(options, io);
  const broken = reportCourseProblems(loaded, options, io);
  if (options.json) io.stdout.write(`${JSON.stringify(outlineJson(loaded.course), null, 2)}\n`);
  else io.stdout.write(outlineText(loaded.course, { width: io.stdout.columns ?? 80, ascii: options.ascii }));
  return broken ? 1 : 0;
}
