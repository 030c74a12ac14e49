// The recipes of docs/recipes/ as the runtime tier runs them: their code taken from the page as
// written (TypeScript compiled by the TypeScript of devDependencies; only for workerd, which
// resolves no package names, the package's name replaced by the path of its ES build), and the
// requests each must answer, with the exact answers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const RECIPES = path.resolve(import.meta.dirname, '../../docs/recipes');

export const PACKAGE = 'express-tencent-chat-webhook';
/** What the recipes read from their environment, in every runtime. */
export const RECIPE_ENV = { IM_CALLBACK_TOKEN: 'recipe-tier-token', IM_SDKAPPID: '1400000000' };

/** The fenced blocks of one language in a recipe, in order. */
export function blocksOf(recipe, language) {
  const text = readFileSync(path.join(RECIPES, recipe), 'utf8');
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]);
}

/** The one block of `language` a recipe must have (its code), checked to import the package. */
export function codeOf(recipe, language, index = 0) {
  const code = blocksOf(recipe, language)[index];
  if (code === undefined || !code.includes(`from '${PACKAGE}'`)) {
    throw new Error(`${recipe}: no ${language} block ${index} importing ${PACKAGE}`);
  }
  return code;
}

/** TypeScript to an ES module, types removed; `packageSpecifier` replaces the package's name. */
export function compile(code, packageSpecifier = PACKAGE) {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return outputText.replaceAll(`from '${PACKAGE}'`, `from ${JSON.stringify(packageSpecifier)}`);
}

const REFUSED = '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}';
const FORGED =
  '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISMATCH: Sign does not match the configured callback token"}';
const UNSIGNED =
  '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISSING: query parameter Sign is missing"}';

/**
 * The requests a recipe must answer, each `{ name, method, url, body?, status, expected }`:
 * `command` is the message gate its handler refuses `spam` in; `withPath` says the router was
 * given `path: '/im/callback'` (it sees every route); `notFound` is the body of its 404.
 * `buildCallback` is the packed package's own helper (express-tencent-chat-webhook/testing).
 */
export function recipeRequests({ buildCallback, origin, command, withPath, notFound }) {
  const spam = { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'buy spam now' } }] };
  const signed = buildCallback({ command, token: RECIPE_ENV.IM_CALLBACK_TOKEN, event: spam });
  const forged = buildCallback({ command, token: 'not-the-token', event: spam });
  const requests = [
    {
      name: `signed ${command} decided by the recipe's handler`,
      method: 'POST',
      url: origin + signed.path,
      body: signed.json,
      status: 200,
      expected: REFUSED,
    },
    {
      name: 'forged Sign refused 401',
      method: 'POST',
      url: origin + forged.path,
      body: forged.json,
      status: 401,
      expected: FORGED,
    },
    {
      name: 'GET /im/callback passed on: 404',
      method: 'GET',
      url: `${origin}/im/callback`,
      status: 404,
      expected: notFound,
    },
  ];
  if (withPath) {
    requests.push(
      {
        name: 'POST /im/callback without a query: answered 401 (path)',
        method: 'POST',
        url: `${origin}/im/callback`,
        body: '{}',
        status: 401,
        expected: UNSIGNED,
      },
      {
        name: 'POST to another path passed on: 404',
        method: 'POST',
        url: `${origin}/api/orders`,
        body: '{"order":1}',
        status: 404,
        expected: notFound,
      },
    );
  } else {
    requests.push({
      name: "POST without Tencent's query passed on: 404",
      method: 'POST',
      url: `${origin}/im/callback`,
      body: '{}',
      status: 404,
      expected: notFound,
    });
  }
  return requests;
}

/** Compares answers `{ status, body }` with the requests' expectations; one result per request. */
export function compare(requests, answers) {
  return requests.map((request, index) => {
    const answer = answers[index];
    if (answer === undefined) return { name: request.name, ok: false, detail: 'no answer' };
    if ('error' in answer) return { name: request.name, ok: false, detail: answer.error };
    const problems = [];
    if (answer.status !== request.status) problems.push(`status ${answer.status}, expected ${request.status}`);
    if (answer.body !== request.expected) problems.push(`body ${answer.body}, expected ${request.expected}`);
    return { name: request.name, ok: problems.length === 0, detail: problems.join('; ') };
  });
}

/** Sends the requests with `send(request)` one after the other; a throw becomes that answer's error. */
export async function answer(requests, send) {
  const answers = [];
  for (const request of requests) {
    try {
      const response = await send(request);
      answers.push({ status: response.status, body: await response.text() });
    } catch (error) {
      answers.push({ error: String(error?.stack ?? error) });
    }
  }
  return answers;
}
