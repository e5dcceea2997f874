import { Form, InputNumber, Table, Typography } from 'antd';
import { fmtInt } from '../../format';

export interface TemplateRow {
  regionCode: string;
  region: { name: string };
  amount: number;
}

/** The provincial quota table (附件3) prefilled from the seeded template; every amount can be changed before opening. */
export function QuotaTable({ rows, loading }: { rows: TemplateRow[]; loading: boolean }) {
  const form = Form.useFormInstance();
  const values = (Form.useWatch('quotas', form) ?? {}) as Record<string, number | null>;
  const total = rows.reduce((sum, r) => sum + (values[r.regionCode] ?? r.amount), 0);
  return (
    <Table
      size="small"
      rowKey="regionCode"
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      data-testid="quota-table"
      columns={[
        {
          title: '地区',
          render: (_, r) => `${r.region.name}（${r.regionCode}）`,
        },
        { title: '2012 年名额', dataIndex: 'amount', align: 'right' },
        {
          title: '本年度名额',
          render: (_, r) => (
            <Form.Item
              name={['quotas', r.regionCode]}
              style={{ margin: 0 }}
              rules={[
                {
                  type: 'integer',
                  min: 0,
                  max: 1000,
                  message: '名额应为 0–1000 的整数',
                },
              ]}
            >
              <InputNumber min={0} max={1000} precision={0} aria-label={`${r.region.name}名额`} />
            </Form.Item>
          ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {fmtInt(rows.reduce((s, r) => s + r.amount, 0))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2}>
            <Typography.Text strong data-testid="quota-total">
              {fmtInt(total)}
            </Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
