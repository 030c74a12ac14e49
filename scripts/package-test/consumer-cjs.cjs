const express = require('express');
const { beforeAddSubscriber } = require('express-tencent-chat-webhook');
const { buildCallback, parseReply } = require('express-tencent-chat-webhook/testing');
const { answersTencentExample } = require('./check.cjs');

answersTencentExample({ express, beforeAddSubscriber, buildCallback, parseReply }, 'CommonJS require').catch(
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
