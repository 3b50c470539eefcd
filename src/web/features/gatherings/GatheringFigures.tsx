import { DatePicker, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { GatheringFigures as Figures, GatheringFiguresRow } from '../../../shared/gatherings';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { gatheringsApi } from './gatheringsApi';
import { countyToday } from '../../app/format';

/** Per township: gatherings registered for the chosen days, by outcome, and the guests who did not gather. */
export function GatheringFigures({ initial }: { initial: [Dayjs, Dayjs] }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(initial);
  const [figures, setFigures] = useState<Figures | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');

  useEffect(() => {
    let alive = true;
    setFigures(null);
    gatheringsApi
      .figures(from, to)
      .then((f) => alive && setFigures(f))
      .catch(feedback.error);
    return () => {
      alive = false;
    };
  }, [from, to, feedback]);

  const n = (key: keyof GatheringFiguresRow, title: string, width = 84) => ({
    title,
    dataIndex: key,
    width,
    align: 'right' as const,
  });
  return (
    <div>
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        inputReadOnly
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        style={{ marginBottom: 12 }}
      />
      <Table<GatheringFiguresRow>
        data-testid="gathering-figures"
        rowKey={(r) => r.regionId ?? r.name}
        size="small"
        loading={figures === null}
        dataSource={figures?.rows ?? []}
        pagination={false}
        scroll={{ x: 860 }}
        sticky
        columns={[
          { title: t('notices.township'), dataIndex: 'name', fixed: mobile ? undefined : 'left', width: 120 },
          n('registered', t('gatherings.fig.registered')),
          n('cancelled', t('gatherings.status.cancelled')),
          n('postponed', t('gatherings.status.postponed')),
          n('scaledDown', t('gatherings.status.scaled_down')),
          n('held', t('gatherings.status.held')),
          n('planned', t('gatherings.fig.planned')),
          n('expectedGuests', t('gatherings.fig.expected'), 96),
          n('guestsAvoided', t('gatherings.fig.avoided'), 110),
          n('visits', t('gatherings.fig.visits')),
        ]}
        summary={() =>
          figures && (
            <Table.Summary.Row data-testid="gathering-figures-total">
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('gatherings.fig.total')}</Typography.Text>
              </Table.Summary.Cell>
              {(
                [
                  'registered',
                  'cancelled',
                  'postponed',
                  'scaledDown',
                  'held',
                  'planned',
                  'expectedGuests',
                  'guestsAvoided',
                  'visits',
                ] as const
              ).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  <Typography.Text strong>{figures.total[k]}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('gatherings.fig.hint')}
      </Typography.Paragraph>
    </div>
  );
}

/** Thirty days either side of today. */
export function defaultRange(): [Dayjs, Dayjs] {
  const today = countyToday();
  return [today.subtract(30, 'day'), today.add(30, 'day')];
}
