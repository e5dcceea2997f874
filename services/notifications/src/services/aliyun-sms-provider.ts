import { createHmac, randomUUID } from 'node:crypto';
import { shanghaiCompactDate } from '@leifeng/kit';
import { SmsProviderError, type ReceiptStatus, type SmsProvider, type SmsSendRequest } from '../domain/sms-provider';

/** RFC 3986 encoding as Aliyun's RPC signature wants it. */
function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Aliyun RPC signature v1: HMAC-SHA1 over "POST&%2F&" + encoded canonical query, key secret + "&". */
export function signAliyun(params: Record<string, string>, secret: string, method = 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

const PERMANENT =
  /^(isv\.(MOBILE_NUMBER_ILLEGAL|TEMPLATE_MISSED_PARAMS|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|SMS_SIGN_ILLEGAL|BLACK_KEY_CONTROL_LIMIT|INVALID_PARAMETERS|PARAM_LENGTH_LIMIT|PARAM_NOT_SUPPORT_URL|MOBILE_COUNT_OVER_LIMIT|DENY_IP_RANGE|INVALID_JSON_PARAM)|InvalidAccessKeyId\..*|SignatureDoesNotMatch|MissingParameter|InvalidParameter.*)$/;
const TRANSIENT =
  /^(isp\..*|isv\.(BUSINESS_LIMIT_CONTROL|DAY_LIMIT_CONTROL|OUT_OF_SERVICE|AMOUNT_NOT_ENOUGH)|Throttling.*|ServiceUnavailable|InternalError)$/;

function classifyAliyun(code: string): 'permanent' | 'transient' {
  if (PERMANENT.test(code)) return 'permanent';
  if (TRANSIENT.test(code)) return 'transient';
  // Unknown isv.* codes are about our request; anything else is treated as the provider's fault.
  return code.startsWith('isv.') ? 'permanent' : 'transient';
}

export interface AliyunOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  timeoutMs: number;
}

/** Aliyun dysmsapi (2017-05-25): SendSms and QuerySendDetails over the RPC protocol. */
/** The parts of Aliyun's JSON answers this provider reads. */
interface AliyunBody {
  Code?: unknown;
  Message?: unknown;
  BizId?: unknown;
  SmsSendDetailDTOs?: {
    SmsSendDetailDTO?: {
      OutId?: string;
      SendStatus?: number;
      BizId?: string;
      ErrCode?: string;
    }[];
  };
}

export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';

  constructor(private readonly opts: AliyunOptions) {}

  private async call(action: string, params: Record<string, string>): Promise<AliyunBody> {
    const all: Record<string, string> = {
      Action: action,
      Version: '2017-05-25',
      Format: 'JSON',
      AccessKeyId: this.opts.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      RegionId: 'cn-hangzhou',
      ...params,
    };
    all.Signature = signAliyun(all, this.opts.accessKeySecret);
    let res: Response;
    try {
      res = await fetch(this.opts.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(all).toString(),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError')
        throw new SmsProviderError('timeout', 'TIMEOUT', `${action} timed out`);
      // Connection refused/reset before a reply: for SendSms we cannot tell whether it arrived.
      throw new SmsProviderError('timeout', 'NETWORK', `${action} failed: ${e.message}`);
    }
    let body: AliyunBody;
    try {
      body = (await res.json()) as AliyunBody;
    } catch {
      throw new SmsProviderError(
        res.status >= 500 ? 'timeout' : 'transient',
        `HTTP_${res.status}`,
        `${action} answered ${res.status} without JSON`,
      );
    }
    if (body.Code !== 'OK') {
      const code = String(body.Code ?? `HTTP_${res.status}`);
      throw new SmsProviderError(classifyAliyun(code), code, String(body.Message ?? code));
    }
    return body;
  }

  async send(req: SmsSendRequest): Promise<{ providerId: string }> {
    const body = await this.call('SendSms', {
      PhoneNumbers: req.phone,
      SignName: req.signName,
      TemplateCode: req.templateCode,
      TemplateParam: JSON.stringify(req.params),
      OutId: req.outId,
    });
    return { providerId: String(body.BizId) };
  }

  async receipt(q: {
    phone: string;
    outId: string;
    sentAt: Date;
    providerId?: string | null;
  }): Promise<{ status: ReceiptStatus; providerId?: string; error?: string }> {
    const params: Record<string, string> = {
      PhoneNumber: q.phone,
      SendDate: shanghaiCompactDate(q.sentAt),
      PageSize: '50',
      CurrentPage: '1',
    };
    if (q.providerId) params.BizId = q.providerId;
    const body = await this.call('QuerySendDetails', params);
    const details = body.SmsSendDetailDTOs?.SmsSendDetailDTO ?? [];
    const mine = details.find((d) => d.OutId === q.outId);
    if (!mine) return { status: 'NOT_FOUND' };
    const status: ReceiptStatus = mine.SendStatus === 3 ? 'DELIVERED' : mine.SendStatus === 2 ? 'FAILED' : 'PENDING';
    return {
      status,
      providerId: mine.BizId ?? q.providerId ?? undefined,
      error: mine.ErrCode && mine.ErrCode !== 'DELIVERED' ? String(mine.ErrCode) : undefined,
    };
  }
}
