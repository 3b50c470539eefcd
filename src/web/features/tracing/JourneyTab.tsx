import { CarOutlined, HomeOutlined, MedicineBoxOutlined, WarningOutlined } from '@ant-design/icons';
import { Empty, InputNumber, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { Case, JourneyEvent } from '../../../shared/tracing';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { type Translate, useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { tracingApi } from './tracingApi';

const ICONS: Record<JourneyEvent['type'], { icon: ReactNode; color: string }> = {
  passage: { icon: <CarOutlined />, color: 'blue' },
  screening_visit: { icon: <HomeOutlined />, color: 'green' },
  isolation: { icon: <MedicineBoxOutlined />, color: 'gray' },
  case: { icon: <WarningOutlined />, color: 'red' },
};

/** 轨迹: the case's passages (with who rode along), the household's screening visits, isolation stays and the report, oldest first. */
export function JourneyTab({ theCase }: { theCase: Case }) {
  const caseId = theCase.id;
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [days, setDays] = useState(14);
  const [items, setItems] = useState<JourneyEvent[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    setItems(null);
    tracingApi
      .journey(caseId, days)
      .then((r) => !cancelled && setItems(r))
      .catch((err: unknown) => {
        feedback.error(err);
        if (!cancelled) setItems([]);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, days, feedback]);

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('tracing.daysBefore')}</span>
        <InputNumber min={1} max={30} value={days} onChange={(v) => v && setDays(v)} style={{ width: 72 }} />
      </Space>
      {items === null ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('tracing.noJourney')} />
      ) : (
        <Timeline
          data-testid="journey"
          items={items.map((e) => ({
            key: `${e.type}-${e.sourceId}-${e.at}`,
            color: ICONS[e.type].color,
            icon: ICONS[e.type].icon,
            content: (
              <div data-testid={`journey-${e.type}`}>
                <Space size={6} wrap>
                  <Typography.Text strong>{formatTime(e.at, locale)}</Typography.Text>
                  <Tag>{t(`tracing.journey.${e.type}`)}</Tag>
                  {e.place && <Typography.Text>{e.place}</Typography.Text>}
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {/* the server's `detail` is simplified Chinese; word the event's facts in the UI language */}
                    {e.type === 'case'
                      ? [
                          t(`tracing.classification.${theCase.classification}`),
                          theCase.onsetDate && `${t('tracing.onsetDate')} ${theCase.onsetDate}`,
                        ]
                          .filter(Boolean)
                          .join('，')
                      : eventText(e, t)}
                  </Typography.Text>
                </div>
                {e.coTravellers.length > 0 && (
                  <div style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary">
                      {t('tracing.coTravellers', { n: e.coTravellers.length })}：
                    </Typography.Text>
                    {e.coTravellers.map((p, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: shown as recorded, never reordered; unregistered co-travellers have no id and names repeat
                      <Tag key={`${p.personId ?? p.name}-${i}`} color={p.personId ? 'volcano' : 'default'}>
                        {p.name}
                      </Tag>
                    ))}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}

/** A passage, a screening visit or an isolation, worded from its facts in the reader's language. */
function eventText(e: JourneyEvent, t: Translate): string {
  const f = e.facts;
  switch (e.type) {
    case 'passage':
      return [
        f.plate ?? t('tracing.journey.onFoot'),
        f.direction && t(`direction.${f.direction}`),
        f.origin && t('tracing.journey.from', { place: f.origin }),
        f.destination && t('tracing.journey.to', { place: f.destination }),
      ]
        .filter(Boolean)
        .join(' ');
    case 'screening_visit':
      return f.outcome ? t(`outcome.${f.outcome}` as MessageKey) : e.detail;
    case 'isolation':
      return f.startDay && f.plannedEndDay && f.status
        ? `${t('tracing.journey.isolationPeriod', { from: f.startDay, to: f.plannedEndDay })}（${t(`isolation.status.${f.status}` as MessageKey)}）`
        : e.detail;
    default:
      return e.detail;
  }
}
