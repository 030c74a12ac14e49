const express = require('express');
const { beforeAddSubscriber, computeSign } = require('express-tencent-chat-webhook');
const { answersTencentExample } = require('./check.cjs');

answersTencentExample({ express, beforeAddSubscriber, computeSign }, 'CommonJS require').catch((error) => {
  console.error(error);
  process.exit(1);
});
