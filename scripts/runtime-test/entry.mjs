// The scenario's entry in Bun and Deno: the package by its name, as an app imports it (Bun finds
// it in node_modules, Deno through an import map pointing at the ES build: no npm), and the result
// as one line of JSON on stdout.
import * as pkg from 'express-tencent-chat-webhook';
import { runScenario } from './scenario.mjs';

console.log(JSON.stringify(await runScenario(pkg)));
