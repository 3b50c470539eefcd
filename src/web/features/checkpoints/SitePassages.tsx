import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Drawer, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Decision, Passage, Site } from '../../../shared/checkpoints';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { usePaged } from '../../app/usePaged';
import { checkpointApi, DECISIONS } from './checkpointApi';

const DECISION_COLORS: Record<Decision, string> = {
  pass: 'green',
  turned_back: 'orange',
  referred: 'red',
  isolated: 'purple',
};

/**
 * A site's passages, newest first, by plate, time window and decision — the tracing question ("that
 * bus, that evening") — with the window exported as .xlsx (masked).
 */
export function SitePassages({ site, onClose }: { site: Site; onClose: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [plate, setPlate] = useState('');
  const [window, setWindow] = useState<[Dayjs, Dayjs] | null>(null);
  const [decision, setDecision] = useState<Decision | undefined>();
  const [exporting, setExporting] = useState(false);
  const passages = usePaged<Passage>(
    '/checkpoints/passages',
    {
      siteId: site.id,
      plate: plate.trim() || undefined,
      from: window?.[0].toISOString(),
      to: window?.[1].toISOString(),
      decision,
      limit: 50,
    },
    feedback.error,
  );

  const exportWindow = async () => {
    if (!window) return feedback.error(new Error(t('passages.exportNeedsWindow')));
    setExporting(true);
    try {
      await checkpointApi.exportPassages(site.id, window[0].toISOString(), window[1].toISOString());
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={mobile ? '100%' : 880}
      title={t('passages.title', { name: site.name })}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('passages.plate')}
          aria-label={t('passages.plate')}
          onSearch={setPlate}
          style={{ width: 160 }}
          data-testid="passages-plate"
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={window}
          onChange={(v) => setWindow(v?.[0] && v[1] ? [v[0], v[1]] : null)}
          aria-label={t('passages.window')}
        />
        <Select
          allowClear
          placeholder={t('passages.allDecisions')}
          value={decision}
          onChange={setDecision}
          options={DECISIONS.map((d) => ({ value: d, label: t(`decision.${d}`) }))}
          style={{ width: 150 }}
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          disabled={!window}
          onClick={() => void exportWindow()}
          data-testid="passages-export"
        >
          {t('passages.export')}
        </Button>
      </Space>
      {!window && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
          {t('passages.exportNeedsWindow')}
        </Typography.Text>
      )}
      <PagedTable<Passage>
        list={passages}
        data-testid="passages-table"
        size="small"
        rowKey="id"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('passages.at'), dataIndex: 'at', render: (at: string) => formatTime(at, locale) },
          {
            title: t('passages.plate'),
            dataIndex: 'plate',
            render: (p: string | null) => p ?? <Tag>{t('vehicle.none')}</Tag>,
          },
          { title: t('passages.direction'), dataIndex: 'direction', render: (d: 'in' | 'out') => t(`direction.${d}`) },
          {
            title: t('passages.occupants'),
            key: 'occupants',
            render: (_, p) => (
              <span>
                {p.occupants.map((o) => `${o.name} ${o.temperature.toFixed(1)}℃`).join('、')}
                {p.occupants.some((o) => o.fever) && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('passages.fevers', { n: p.occupants.filter((o) => o.fever).length })}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('passages.decision'),
            dataIndex: 'decision',
            render: (d: Decision) => <Tag color={DECISION_COLORS[d]}>{t(`decision.${d}`)}</Tag>,
          },
        ]}
      />
    </Drawer>
  );
}
