// The local Aliyun dysmsapi server of services/notifications/test/fakes.ts (SendSms only, signature checked with
// the service's own compiled signAliyun), recording the arrival time of every accepted SendSms.
import http from 'node:http';
import { createRequire } from 'node:module';
import { ROOT } from './stack.mjs';

const { signAliyun } = createRequire(import.meta.url)(
  `${ROOT}/services/notifications/dist/services/aliyun-sms-provider.js`,
);

export async function fakeAliyun(secret, port) {
  const sent = []; // { t: performance.now(), outId }
  let rejected = 0;
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const { Signature, ...rest } = params;
    if (signAliyun(rest, secret) !== Signature)
      return (rejected++, reply(400, { Code: 'SignatureDoesNotMatch', Message: 'signature' }));
    if (params.Action === 'SendSms') {
      sent.push({ t: performance.now(), outId: params.OutId });
      return reply(200, {
        Code: 'OK',
        Message: 'OK',
        BizId: `${sent.length}^0`,
        RequestId: 'r',
      });
    }
    if (params.Action === 'QuerySendDetails')
      return reply(200, {
        Code: 'OK',
        TotalCount: 0,
        SmsSendDetailDTOs: { SmsSendDetailDTO: [] },
      });
    reply(400, { Code: 'InvalidAction.NotFound', Message: 'unknown action' });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    rejected: () => rejected,
    close: () => new Promise((r) => server.close(r)),
  };
}
