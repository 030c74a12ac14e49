const express = require('express');
const { beforeAddSubscriber, callbackRouter } = require('express-tencent-chat-webhook');
const { buildCallback, parseReply } = require('express-tencent-chat-webhook/testing');
const { answersTencentExample, answersThroughFetch, routesOfficialAccountCallbacks } = require('./check.cjs');

const label = 'CommonJS require';
answersTencentExample({ express, beforeAddSubscriber, buildCallback, parseReply }, label)
  .then(() => routesOfficialAccountCallbacks({ express, callbackRouter, buildCallback }, label))
  .then(() => answersThroughFetch({ callbackRouter, buildCallback }, label))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
