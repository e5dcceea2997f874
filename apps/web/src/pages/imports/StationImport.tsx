import { useApolloClient, useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import { STATION_CATEGORY } from '../../format';
import { ImportPanel } from './ImportPanel';
import type { TemplateColumn } from './sheet';

const IMPORT = graphql(`
  mutation ImportStations($contentBase64: String!) {
    importStations(contentBase64: $contentBase64) {
      count
      stations {
        id
        name
      }
    }
  }
`);

const COLUMNS: TemplateColumn[] = [
  {
    header: '站点名称',
    required: true,
    width: 32,
    note: '2–100 个字符，同一地区内不能重名',
  },
  { header: '类别', required: true, list: Object.values(STATION_CATEGORY) },
  { header: '依托单位', required: true, width: 24 },
  {
    header: '行政区划代码',
    required: true,
    text: true,
    note: '县（区）或乡镇（街道）的代码，如 430102（芙蓉区）',
  },
  { header: '地址', required: true, width: 32 },
  { header: '邮政编码', text: true },
  { header: '负责人姓名', required: true },
  {
    header: '负责人电话',
    required: true,
    text: true,
    note: '手机号或带区号的固定电话',
  },
  { header: '服务热线', text: true },
  { header: '单位人数', note: '依托单位的总人数（整数）' },
  { header: '建站日期', text: true, note: 'YYYY-MM-DD' },
];

const FIELDS: Record<string, string> = {
  name: '站点名称',
  category: '类别',
  hostUnit: '依托单位',
  regionCode: '行政区划代码',
  address: '地址',
  postalCode: '邮政编码',
  'leader.name': '负责人姓名',
  'leader.phone': '负责人电话',
  hotline: '服务热线',
  unitHeadcount: '单位人数',
  establishedOn: '建站日期',
};

/** Officers: register many stations of their region from the XLSX template. */
export default function StationImport() {
  const [importStations] = useMutation(IMPORT);
  const client = useApolloClient();
  return (
    <ImportPanel
      title="批量导入站点"
      templateName="站点导入模板.xlsx"
      sheetName="站点"
      columns={COLUMNS}
      fieldLabels={FIELDS}
      noun="站点"
      run={async (contentBase64) => {
        const { data } = await importStations({ variables: { contentBase64 } });
        // The stations list shows them without a reload.
        await client.refetchQueries({ include: 'active' });
        return data?.importStations.count ?? 0;
      }}
    />
  );
}
