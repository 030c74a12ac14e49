import express from 'express';
import { beforeAddSubscriber, callbackRouter } from 'express-tencent-chat-webhook';
import { buildCallback, parseReply } from 'express-tencent-chat-webhook/testing';
import check from './check.cjs';

const label = 'ES module import';
await check.answersTencentExample({ express, beforeAddSubscriber, buildCallback, parseReply }, label);
await check.routesOfficialAccountCallbacks({ express, callbackRouter, buildCallback }, label);
await check.answersThroughFetch({ callbackRouter, buildCallback }, label);
