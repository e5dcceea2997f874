import type { publicCheck } from '../domain/certificate-document';
import { chineseDate } from '../domain/certificate-document';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STATE_TEXT = {
  VALID: {
    label: '有效',
    note: '该证明由出具组织核实并登记在平台，内容如下。',
    color: '#389e0d',
  },
  REVOKED: {
    label: '已撤销',
    note: '该证明已被出具组织撤销，不能作为志愿服务证明使用。',
    color: '#cf1322',
  },
  NOT_FOUND: {
    label: '未找到',
    note: '平台上没有这个查验码对应的证明，请核对证明上的二维码或查验码。',
    color: '#d46b08',
  },
} as const;

/** The public check a phone camera opens from the certificate's QR code: mobile-first, no script, no login. */
export function certificatePage(check: ReturnType<typeof publicCheck> | { state: 'NOT_FOUND' }, code: string): string {
  const state = STATE_TEXT[check.state];
  const rows =
    check.state === 'NOT_FOUND'
      ? ''
      : [
          ['证明编号', check.number],
          ['志愿者', check.maskedName],
          ['出具组织', check.issuer],
          [
            '服务期间',
            check.periodFrom && check.periodTo
              ? `${chineseDate(check.periodFrom)} 至 ${chineseDate(check.periodTo)}`
              : '—',
          ],
          ['累计时长', `${check.totalHours} 小时`],
          ['出具日期', check.issuedOn],
        ]
          .map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`)
          .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>志愿服务记录证明查验</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#1f1f1f}
main{max-width:520px;margin:0 auto;padding:24px 16px}
h1{font-size:20px;margin:0 0 16px}
.state{border-radius:8px;background:#fff;padding:16px;border-left:6px solid ${state.color}}
.state strong{font-size:22px;color:${state.color}}
.state p{margin:8px 0 0;line-height:1.6}
table{width:100%;border-collapse:collapse;background:#fff;margin-top:16px;border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:12px;border-bottom:1px solid #f0f0f0;font-size:15px;word-break:break-all}
th{width:6em;color:#595959;font-weight:normal}
footer{margin-top:16px;font-size:12px;color:#8c8c8c}
</style></head>
<body><main>
<h1>志愿服务记录证明查验</h1>
<section class="state" data-state="${check.state}"><strong>${state.label}</strong><p>${state.note}</p></section>
${rows ? `<table>${rows}</table>` : ''}
<footer>查验码：${escape(code)}。依据《志愿服务记录与证明出具办法（试行）》出具；为保护个人信息，姓名已部分隐去。</footer>
</main></body></html>`;
}
