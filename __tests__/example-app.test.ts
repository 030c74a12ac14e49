import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { tencentExampleReplyRefused } from './fixtures';

// The example app runs as `npm start` runs it: node on the built package, in its own process.
const SERVER = path.join(__dirname, '..', 'example-app', 'server.mjs');

interface RunningExample {
  baseUrl: string;
  curlLine: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startExample(env: Record<string, string>): Promise<RunningExample> {
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (/^curl .*$/m.test(output)) {
        clearInterval(poll);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`example app exited: ${output}`));
      }
    }, 20);
  });
  const baseUrl = /webhook at POST (http:\/\/localhost:\d+)\/im\/callback/.exec(output)?.[1] ?? '';
  const curlLine = /^curl .*$/m.exec(output)?.[0] ?? '';
  return { baseUrl, curlLine, output: () => output, stop };
}

/** Sends what the printed curl line sends: its URL and its -d body. */
async function runCurlLine(curlLine: string): Promise<{ status: number; body: unknown }> {
  const url = /-X POST '([^']+)'/.exec(curlLine)?.[1] ?? '';
  const body = / -d '(.+)'$/.exec(curlLine)?.[1] ?? '';
  const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  return { status: response.status, body: await response.json() };
}

describe('the example app (npm start)', () => {
  let example: RunningExample;
  afterEach(async () => {
    await example.stop();
  });

  it("answers the printed curl line (Tencent's example) with Tencent's example reply", async () => {
    example = await startExample({});
    expect(example.output()).toContain('Authentication: OFF: IM_CALLBACK_TOKEN is not set');
    expect(example.output()).toContain('`token: false`, so requests are not authenticated');
    expect(await runCurlLine(example.curlLine)).toEqual({ status: 200, body: tencentExampleReplyRefused });
  });

  it('acknowledges every other callback on the same URL and answers /healthz', async () => {
    example = await startExample({});
    const other = await fetch(
      `${example.baseUrl}/im/callback?CallbackCommand=OfficialAccount.CallbackAfterAddSubscriber`,
      {
        method: 'POST',
        body: JSON.stringify({ CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber' }),
      },
    );
    expect([other.status, await other.json()]).toEqual([200, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }]);
    const health = await fetch(`${example.baseUrl}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
  });

  it('refuses whoever BLOCKED_SUBSCRIBERS lists', async () => {
    example = await startExample({ BLOCKED_SUBSCRIBERS: 'leckie, someone' });
    expect(await runCurlLine(example.curlLine)).toEqual({
      status: 200,
      body: { ...tencentExampleReplyRefused, RefusedSubscribers_Account: ['leckie'] },
    });
  });

  it('checks Sign and SdkAppid when IM_CALLBACK_TOKEN and IM_SDKAPPID are set, and signs its curl line', async () => {
    example = await startExample({ IM_CALLBACK_TOKEN: 'example-token-123', IM_SDKAPPID: '1400999999' });
    expect(example.curlLine).toMatch(/SdkAppid=1400999999&.*RequestTime=\d+&Sign=[0-9a-f]{64}'/);
    expect(example.output()).not.toContain('example-token-123');
    expect(await runCurlLine(example.curlLine)).toEqual({ status: 200, body: tencentExampleReplyRefused });

    const unsigned = example.curlLine.replace(/&RequestTime=\d+&Sign=[0-9a-f]{64}/, '');
    const refused = await runCurlLine(unsigned);
    expect(refused).toEqual({
      status: 401,
      body: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'ERR_SIGN_MISSING: query parameter Sign is missing' },
    });
  });
});
