import express from 'express';
import { beforeAddSubscriber } from 'express-tencent-chat-webhook';
import { buildCallback, parseReply } from 'express-tencent-chat-webhook/testing';
import check from './check.cjs';

await check.answersTencentExample({ express, beforeAddSubscriber, buildCallback, parseReply }, 'ES module import');
