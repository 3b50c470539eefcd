import { MoonOutlined, SunOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DispatchSlot, DispatchSummary } from '../../../shared/dispatch';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { usePaged } from '../../app/usePaged';
import { dispatchApi } from './dispatchApi';

/** Done / total of a sheet as a small progress bar. */
export function DispatchProgress({ sheet }: { sheet: Pick<DispatchSummary, 'done' | 'total'> }) {
  return (
    <div style={{ minWidth: 120 }}>
      <Progress
        size="small"
        percent={sheet.total ? Math.round((sheet.done / sheet.total) * 100) : 100}
        format={() => `${sheet.done}/${sheet.total}`}
      />
    </div>
  );
}

/** 一日两调度: the sheets of my jurisdiction, newest first, and the buttons that draw this morning's or this evening's. */
export default function DispatchesPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<DispatchSlot | null>(null);
  const sheets = usePaged<DispatchSummary>('/dispatches', {}, feedback.error);

  const draw = async (slot: DispatchSlot) => {
    setBusy(slot);
    try {
      const sheet = await dispatchApi.draw({ slot });
      navigate(`/dispatch/${sheet.id}`);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  const title = (d: DispatchSummary) => (
    <Link
      to={`/dispatch/${d.id}`}
      data-testid={`dispatch-link-${d.id}`}
    >{`${d.day} ${t(`dispatch.slot.${d.slot}`)}`}</Link>
  );
  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('dispatch.title')}
      extra={
        <Space wrap>
          <Button
            type="primary"
            icon={<SunOutlined />}
            loading={busy === 'morning'}
            onClick={() => void draw('morning')}
            data-testid="dispatch-draw-morning"
          >
            {t('dispatch.drawMorning')}
          </Button>
          <Button
            icon={<MoonOutlined />}
            loading={busy === 'evening'}
            onClick={() => void draw('evening')}
            data-testid="dispatch-draw-evening"
          >
            {t('dispatch.drawEvening')}
          </Button>
        </Space>
      }
    >
      <PagedTable<DispatchSummary>
        list={sheets}
        data-testid="dispatch-list"
        rowKey="id"
        size="middle"
        locale={{ emptyText: t('dispatch.none') }}
        onRow={(row) => ({ 'data-testid': `dispatch-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  key: 'm',
                  title: t('dispatch.sheet'),
                  render: (_, d) => (
                    <div>
                      <div>
                        {title(d)} <Tag>{d.regionName ?? t('dispatch.allRegions')}</Tag>
                      </div>
                      <DispatchProgress sheet={d} />
                    </div>
                  ),
                },
              ]
            : [
                { title: t('dispatch.sheet'), key: 'title', render: (_, d) => title(d) },
                {
                  title: t('dispatch.region'),
                  dataIndex: 'regionName',
                  width: 140,
                  render: (v: string | null) => v ?? t('dispatch.allRegions'),
                },
                {
                  title: t('dispatch.drawnAt'),
                  dataIndex: 'drawnAt',
                  width: 160,
                  render: (v: string) => formatTime(v, locale),
                },
                {
                  title: t('dispatch.drawnBy'),
                  dataIndex: 'drawnByName',
                  width: 120,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('dispatch.progress'),
                  key: 'progress',
                  width: 180,
                  render: (_, d) => <DispatchProgress sheet={d} />,
                },
              ]
        }
      />
    </Card>
  );
}
