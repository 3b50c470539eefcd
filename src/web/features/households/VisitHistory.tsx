import { Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { Visit, VisitOutcome } from '../../../shared/screening';
import { FEVER_CELSIUS } from '../../../shared/screening';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

export const OUTCOME_COLORS: Record<VisitOutcome, string> = {
  no_risk: 'green',
  key_person: 'magenta',
  refer: 'red',
  not_home: 'orange',
};

/** 入户记录: each call at the door, newest first, with every person's temperature and history. */
export function VisitHistory({ visits }: { visits: Visit[] | null }) {
  const { t, locale } = useI18n();
  if (!visits) return <Spin />;
  if (!visits.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.noVisits')} />;
  return (
    <Timeline
      data-testid="household-visits"
      items={visits.map((v) => ({
        key: v.id,
        color: OUTCOME_COLORS[v.outcome],
        content: (
          <div data-testid={`visit-${v.id}`}>
            <Space wrap size={6}>
              <Typography.Text>{formatTime(v.visitedAt, locale)}</Typography.Text>
              <Tag color={OUTCOME_COLORS[v.outcome]}>{t(`outcome.${v.outcome}`)}</Tag>
              <Typography.Text type="secondary">{v.workerName ?? '—'}</Typography.Text>
            </Space>
            {v.checks.map((c) => (
              <div key={c.personId} style={{ fontSize: 13, marginTop: 4 }}>
                <Typography.Text strong>{c.name ?? '—'}</Typography.Text>{' '}
                {!c.present ? (
                  <Typography.Text type="secondary">{t('visit.absent')}</Typography.Text>
                ) : (
                  <>
                    {c.temperature != null && (
                      <Typography.Text
                        type={c.temperature >= FEVER_CELSIUS ? 'danger' : undefined}
                        strong={c.temperature >= FEVER_CELSIUS}
                      >
                        {c.temperature.toFixed(1)}℃
                      </Typography.Text>
                    )}
                    {c.temperature == null && c.temperatureMissing && (
                      <Typography.Text type="warning" data-testid={`visit-missing-${c.personId}`}>
                        {t('visit.temperatureMissing', {
                          reason: t(`field.missing.${c.temperatureMissing}`),
                          note: c.temperatureNote ?? '',
                        })}
                      </Typography.Text>
                    )}
                    {c.symptoms.length > 0 && ` · ${c.symptoms.map((s) => t(`symptom.${s}`)).join('、')}`}
                    {c.hubeiTravel && (
                      <Tag color="volcano" style={{ marginInlineStart: 6 }}>
                        {t('tag.hubei_travel')}
                      </Tag>
                    )}
                    {c.contactHistory && (
                      <Tag color="orange" style={{ marginInlineStart: 6 }}>
                        {t('tag.contact_history')}
                      </Tag>
                    )}
                  </>
                )}
              </div>
            ))}
            {v.note && <div style={{ fontSize: 13, color: '#666', marginTop: 4 }}>{v.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
