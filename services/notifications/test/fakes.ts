import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAliyun } from '../src/services/aliyun-sms-provider';

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

async function start(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

const readBody = async (req: http.IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A local server speaking Aliyun dysmsapi's RPC protocol: checks the HMAC-SHA1 signature, answers
 * SendSms and QuerySendDetails, and can be told to fail (error codes, or hang for a timeout).
 */
export async function fakeAliyun(secret: string) {
  /** `date` (yyyyMMdd): the day a send is filed under, when a test sets one; QuerySendDetails then matches SendDate as Aliyun does. */
  const sent: {
    phone: string;
    template: string;
    params: Record<string, string>;
    outId: string;
    bizId: string;
    sign: string;
    at: Date;
    date?: string;
  }[] = [];
  const failNext: {
    code?: string;
    hangMs?: number;
    acceptThenHang?: boolean;
  }[] = [];
  /** Numbers whose receipts say "not delivered" (SendStatus 2). */
  const undeliverable = new Set<string>();
  let receiptQueries = 0;
  const { server, url } = await start(
    (req, res) =>
      void (async () => {
        const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const { Signature, ...rest } = params;
        if (signAliyun(rest, secret) !== Signature)
          return reply(400, {
            Code: 'SignatureDoesNotMatch',
            Message: 'Specified signature is not matched with our calculation.',
          });
        if (params.Action === 'SendSms') {
          const f = failNext.shift();
          if (f?.code)
            return reply(f.code.startsWith('isp') ? 500 : 400, {
              Code: f.code,
              Message: f.code,
              RequestId: 'r',
            });
          const bizId = `${sent.length + 1}^0`;
          sent.push({
            phone: params.PhoneNumbers,
            template: params.TemplateCode,
            params: JSON.parse(params.TemplateParam),
            outId: params.OutId,
            bizId,
            sign: params.SignName,
            at: new Date(),
          });
          // Simulated latency inside the fake, not synchronization: a provider that accepted the text and is
          // slow to answer (the sender's timeout and retry are what the tests observe).
          if (f?.acceptThenHang) return setTimeout(() => reply(200, { Code: 'OK', BizId: bizId }), f.hangMs ?? 5000);
          return reply(200, {
            Code: 'OK',
            Message: 'OK',
            BizId: bizId,
            RequestId: 'r',
          });
        }
        if (params.Action === 'QuerySendDetails') {
          receiptQueries++;
          const found = sent.filter((s) => s.phone === params.PhoneNumber && (!s.date || s.date === params.SendDate));
          const bad = undeliverable.has(params.PhoneNumber);
          return reply(200, {
            Code: 'OK',
            TotalCount: found.length,
            SmsSendDetailDTOs: {
              SmsSendDetailDTO: found.map((s) => ({
                PhoneNum: s.phone,
                SendStatus: bad ? 2 : 3,
                ErrCode: bad ? 'MOBILE_NOT_ON_SERVICE' : 'DELIVERED',
                OutId: s.outId,
                BizId: s.bizId,
                TemplateCode: s.template,
              })),
            },
          });
        }
        reply(400, {
          Code: 'InvalidAction.NotFound',
          Message: 'unknown action',
        });
      })(),
  );
  return {
    url,
    sent,
    failNext,
    undeliverable,
    receiptQueries: () => receiptQueries,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The most of `times` (ms, ascending) inside any half-open interval [t, t + windowMs). */
export function mostInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let a = 0, b = 0; b < times.length; b++) {
    while (times[b] - times[a] >= windowMs) a++;
    most = Math.max(most, b - a + 1);
  }
  return most;
}

/** A partner endpoint that fails `failures` times with 500, then answers 200. */
export async function fakePartner(failures: number) {
  const received: {
    headers: http.IncomingHttpHeaders;
    body: string;
    status: number;
  }[] = [];
  const { server, url } = await start(
    (req, res) =>
      void (async () => {
        const body = await readBody(req);
        const status = received.length < failures ? 500 : 200;
        received.push({ headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : 'temporarily broken');
      })(),
  );
  return {
    url,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A partner endpoint answering with the queued statuses (then 200), recording every request. */
export async function fakeReceiver() {
  const received: {
    headers: http.IncomingHttpHeaders;
    body: string;
    status: number;
  }[] = [];
  const statuses: number[] = [];
  const { server, url } = await start(
    (req, res) =>
      void (async () => {
        const body = await readBody(req);
        const status = statuses.shift() ?? 200;
        received.push({ headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : `status ${status}`);
      })(),
  );
  return {
    url,
    received,
    statuses,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
