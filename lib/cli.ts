#!/usr/bin/env node
// The `tencent-chat-webhook` command; the logic is in ./cli/, where tests run it in-process.
import { main } from './cli/main.js';

void main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
