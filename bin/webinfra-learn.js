#!/usr/bin/env node
// Launcher: refuse old Node versions with a plain message, then load the bundle.
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(
    `webinfra-learn needs Node.js 20 or newer (this is ${process.versions.node}).\n` +
      'Install a current Node.js from https://nodejs.org and try again.\n',
  );
  process.exit(1);
}
// `webinfra-learn list | head` closes the pipe early: that is the reader's choice,
// not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
import('../dist/cli.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`webinfra-learn: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 1;
    },
  );
