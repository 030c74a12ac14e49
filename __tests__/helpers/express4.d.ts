// The Express 4 runtime under a dev-dependency alias; Express 5's types cover what the tests use.
declare module 'express4' {
  // An ambient module can only re-export a CommonJS module's types this way.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  import express = require('express');
  export = express;
}
