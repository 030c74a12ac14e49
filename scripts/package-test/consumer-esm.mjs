import express from 'express';
import { beforeAddSubscriber, computeSign } from 'express-tencent-chat-webhook';
import check from './check.cjs';

await check.answersTencentExample({ express, beforeAddSubscriber, computeSign }, 'ES module import');
