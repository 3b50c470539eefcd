import { Card, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CoverReport } from '../../../shared/supplies-cover';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { coverApi } from './coverApi';

/**
 * The supplies desk's low-cover alerts: sites whose days of cover are under the county's threshold,
 * worst first, each linking to its days of cover and stock.
 */
export default function CoverAlertsCard() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [report, setReport] = useState<CoverReport | null>(null);
  useEffect(() => {
    coverApi.cover({ low: 'true' }).then(setReport, (err: unknown) => {
      setReport({ day: '', thresholdDays: 3, rows: [] });
      feedback.error(err);
    });
  }, [feedback]);
  return (
    <Card
      title={t('cover.alerts.title', { days: report?.thresholdDays ?? 3 })}
      extra={<Link to="/supplies/cover">{t('cover.alerts.all')}</Link>}
      loading={report === null}
      data-testid="cover-alerts"
    >
      <List
        size="small"
        dataSource={report?.rows ?? []}
        locale={{ emptyText: t('cover.alerts.none') }}
        renderItem={(r) => (
          <List.Item
            extra={<Tag color={r.daysOfCover! < 1 ? 'red' : 'orange'}>{t('cover.days', { days: r.daysOfCover! })}</Tag>}
          >
            <Link to={`/supplies/cover?warehouseId=${r.warehouseId}`}>{r.warehouseName}</Link>
            <Typography.Text type="secondary">
              {' '}
              {r.itemName} · {r.stock.toLocaleString(locale)} {r.unit}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
