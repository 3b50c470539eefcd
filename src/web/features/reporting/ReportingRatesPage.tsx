import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReportingRates } from '../../../shared/reporting';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { reportingApi } from './reportingApi';

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * 报到率 for the organisation department: per unit (members of unit branches who reported / all,
 * lowest first) and per village or community (reported, with a post, 已到岗); every column sorts;
 * the same tables as .xlsx.
 */
export default function ReportingRatesPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [rates, setRates] = useState<ReportingRates | null>(null);
  useEffect(() => {
    reportingApi.rates().then(setRates).catch(feedback.error);
  }, [feedback.error]);
  const totals = rates?.totals;
  const num =
    <T,>(f: (r: T) => number) =>
    (a: T, b: T) =>
      f(a) - f(b);

  return (
    <Card
      title={t('reportingRates.title')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => reportingApi.exportRates().catch(feedback.error)}
          data-testid="rates-export"
        >
          {t('reportingRates.export')}
        </Button>
      }
    >
      {totals && (
        <Typography.Paragraph data-testid="rates-totals">
          {t('reportingRates.totals', {
            members: totals.members,
            reported: totals.reported,
            rate: percent(totals.members ? totals.reported / totals.members : 0),
            onPost: totals.onPost,
          })}
        </Typography.Paragraph>
      )}
      <Tabs
        items={[
          {
            key: 'units',
            label: t('reportingRates.byUnit'),
            children: (
              <Table
                rowKey="unitName"
                size="small"
                loading={!rates}
                dataSource={rates?.units ?? []}
                locale={{ emptyText: t('reportingRates.empty') }}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  {
                    title: t('reportingRates.unit'),
                    dataIndex: 'unitName',
                    sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
                  },
                  { title: t('reportingRates.members'), dataIndex: 'members', sorter: num((r) => r.members) },
                  { title: t('reportingRates.reported'), dataIndex: 'reported', sorter: num((r) => r.reported) },
                  {
                    title: t('reportingRates.rate'),
                    dataIndex: 'rate',
                    render: (r: number) => percent(r),
                    sorter: num((r) => r.rate),
                    defaultSortOrder: 'ascend',
                  },
                  { title: t('reportingRates.onPost'), dataIndex: 'onPost', sorter: num((r) => r.onPost) },
                ]}
              />
            ),
          },
          {
            key: 'communities',
            label: t('reportingRates.byCommunity'),
            children: (
              <Table
                rowKey="communityId"
                size="small"
                loading={!rates}
                dataSource={rates?.communities ?? []}
                locale={{ emptyText: t('reportingRates.empty') }}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('reportingRates.township'), dataIndex: 'townshipName' },
                  {
                    title: t('reporting.community'),
                    dataIndex: 'communityName',
                    sorter: (a, b) => a.communityName.localeCompare(b.communityName, 'zh-CN'),
                  },
                  { title: t('reportingRates.reported'), dataIndex: 'reported', sorter: num((r) => r.reported) },
                  { title: t('reportingRates.assigned'), dataIndex: 'assigned', sorter: num((r) => r.assigned) },
                  { title: t('reportingRates.onPost'), dataIndex: 'onPost', sorter: num((r) => r.onPost) },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
