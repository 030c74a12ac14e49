// The Express 4 runtime under a dev-dependency alias; Express 5's types cover what the tests use.
declare module 'express4' {
  import express = require('express');
  export = express;
}
