import type { FormValues } from './application-form';
import './print.css';

const OPINIONS = [
  '申报单位意见',
  '县（市、区）创建工作领导小组意见',
  '市州创建工作领导小组意见',
  '省创建工作领导小组意见',
];

/** 附件2 as the paper form: one A4 table, printed from the browser (print.css). */
export function Form2Sheet({ v, title, opinion }: { v: FormValues; title: string; opinion?: string }) {
  return (
    <div className="form-sheet print-sheet" data-testid="form2-sheet">
      <p>附件2</p>
      <h1>{title}</h1>
      <table>
        <tbody>
          <tr>
            <th>单位名称</th>
            <td colSpan={3}>{v.unitName}</td>
          </tr>
          <tr>
            <th>地址</th>
            <td>{v.address}</td>
            <th>邮编</th>
            <td>{v.postalCode}</td>
          </tr>
          <tr>
            <th>负责人</th>
            <td>{v.leaderName}</td>
            <th>联系电话</th>
            <td>{v.leaderPhone}</td>
          </tr>
          <tr>
            <th>工作站基本情况（对照“八个有”）</th>
            <td colSpan={3}>{v.situation}</td>
          </tr>
          <tr>
            <th>主要做法和经验</th>
            <td colSpan={3}>{v.practices}</td>
          </tr>
          <tr>
            <th>创建计划</th>
            <td colSpan={3}>{v.plan}</td>
          </tr>
          {OPINIONS.map((o, i) => (
            <tr key={o}>
              <th>{o}</th>
              <td colSpan={3} style={{ height: 90 }}>
                {i === 0 ? (opinion ?? v.unitOpinion) : ''}
                <div style={{ textAlign: 'right', marginTop: 24 }}>
                  {'（盖章）\u3000\u3000年\u3000\u3000月\u3000\u3000日'}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
