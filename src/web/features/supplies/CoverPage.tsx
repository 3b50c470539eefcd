import { Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { StockRow, Warehouse } from '../../../shared/supplies';
import type { CoverReport, CoverRow } from '../../../shared/supplies-cover';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { coverApi } from './coverApi';

/**
 * 物资可用天数: every site's days of cover by item (stock ÷ average daily use over 7 days), worst
 * first; with ?warehouseId, one warehouse's rows and its stock. The county sets the threshold.
 */
export default function CoverPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const { me } = useAuth();
  const [params] = useSearchParams();
  const warehouseId = params.get('warehouseId') ?? undefined;
  const [report, setReport] = useState<CoverReport | null>(null);
  const [stock, setStock] = useState<{ warehouse: Warehouse; stock: StockRow[] } | null>(null);
  const [threshold, setThreshold] = useState<number | null>(null);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reloads after the threshold is saved
  useEffect(() => {
    setReport(null);
    coverApi.cover(warehouseId ? { warehouseId } : {}).then(
      (r) => {
        setReport(r);
        setThreshold(r.thresholdDays);
      },
      (err: unknown) => {
        setReport({ day: '', thresholdDays: 3, rows: [] });
        feedback.error(err);
      },
    );
    if (warehouseId)
      api
        .get<{ warehouse: Warehouse; stock: StockRow[] }>(`/supplies/warehouses/${warehouseId}`)
        .then(setStock, feedback.error);
    else setStock(null);
  }, [warehouseId, version, feedback]);

  const save = async () => {
    if (threshold === null) return;
    try {
      await coverApi.saveSettings({ thresholdDays: threshold });
      feedback.success(t('cover.threshold.saved'));
      setVersion((v) => v + 1);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('cover.page.title')}
        extra={
          me && can.setCoverThreshold(me.role) ? (
            <Space>
              <span>{t('cover.threshold')}</span>
              <InputNumber
                min={0.5}
                max={60}
                step={0.5}
                value={threshold}
                onChange={setThreshold}
                data-testid="cover-threshold"
              />
              <Button onClick={save}>{t('cover.threshold.save')}</Button>
            </Space>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary">{t('cover.page.hint')}</Typography.Paragraph>
        <Table<CoverRow>
          dataSource={report?.rows ?? []}
          loading={report === null}
          rowKey={(r) => `${r.warehouseId}|${r.itemId}`}
          size="small"
          scroll={{ x: true }}
          pagination={{ pageSize: 50 }}
          locale={{ emptyText: t('cover.empty') }}
          data-testid="cover-table"
          columns={[
            {
              title: t('cover.col.site'),
              render: (_, r) => (
                <Link to={`/supplies/cover?warehouseId=${r.warehouseId}`}>
                  {r.warehouseName} <Tag>{t(`cover.kind.${r.warehouseKind}`)}</Tag>
                </Link>
              ),
            },
            { title: t('cover.col.region'), render: (_, r) => r.regionName ?? '—' },
            { title: t('cover.col.item'), dataIndex: 'itemName' },
            {
              title: t('cover.col.stock'),
              align: 'right',
              render: (_, r) => `${r.stock.toLocaleString(locale)} ${r.unit}`,
            },
            {
              title: t('cover.col.dailyUse'),
              align: 'right',
              render: (_, r) => `${(r.dailyUse ?? 0).toLocaleString(locale)} ${r.unit}`,
            },
            { title: t('cover.col.window'), align: 'right', dataIndex: 'days' },
            {
              title: t('cover.col.days'),
              align: 'right',
              render: (_, r) => (
                <Tag color={r.low ? 'red' : 'green'}>
                  {t('cover.days', { days: r.daysOfCover ?? '—' })} · {t(r.low ? 'cover.low' : 'cover.ok')}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      {stock && (
        <Card title={t('cover.stockOf', { name: stock.warehouse.name })}>
          <Table<StockRow>
            dataSource={stock.stock}
            rowKey={(r) => `${r.itemId}|${r.spec}|${r.batch}`}
            size="small"
            pagination={false}
            data-testid="cover-stock"
            columns={[
              { title: t('supplies.item'), dataIndex: 'itemName' },
              { title: t('supplies.spec'), render: (_, r) => r.spec || '—' },
              { title: t('supplies.batch'), render: (_, r) => r.batch || '—' },
              { title: t('supplies.expiry'), render: (_, r) => r.expiry ?? '—' },
              {
                title: t('supplies.quantity'),
                align: 'right',
                render: (_, r) => `${r.quantity.toLocaleString(locale)} ${r.unit}`,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
