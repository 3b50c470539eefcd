import { Drawer, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DailyReportVersion } from '../../../shared/daily-reports';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n, type MessageKey } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { STATUS_COLORS, dailyReportApi } from './dailyReportApi';

const COLORS: Record<DailyReportVersion['action'], string> = {
  draft: 'gray',
  refresh: 'gray',
  save: 'blue',
  submit: 'green',
  review: 'green',
  return: 'red',
};

/** 版本记录: every saved state of a report, oldest first — who did what (and for whom, 代填), when, and which figures or texts changed. */
export function DailyReportVersions({ reportId, onClose }: { reportId: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [items, setItems] = useState<DailyReportVersion[] | null>(null);

  useEffect(() => {
    dailyReportApi
      .versions(reportId)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => feedback.error(err));
  }, [reportId, feedback]);

  const label = (field: string) => {
    const [head, tail] = field.split('.');
    if ((head === 'figures' || head === 'computed') && tail)
      return `${t(`dailyReport.metric.${tail}` as MessageKey)}${head === 'computed' ? `（${t('dailyReport.computed')}）` : ''}`;
    if (head === 'children') return t('dailyReport.changeChildren');
    if (head === 'status') return t('dailyReport.changeStatus');
    if (head === 'assessment' || head === 'problems' || head === 'requests') return t(`dailyReport.${head}`);
    return field;
  };
  const value = (field: string, v: unknown) => {
    if (v === null || v === '') return '—';
    if (field === 'status') return t(`dailyReport.status.${v as 'draft'}`);
    return String(v);
  };

  return (
    <Drawer open onClose={onClose} size={mobile ? '100%' : 560} title={t('dailyReport.versions')} destroyOnHidden>
      {!items ? (
        <Spin />
      ) : (
        <Timeline
          data-testid="dr-versions"
          items={[...items].reverse().map((v) => ({
            color: COLORS[v.action],
            content: (
              <div data-testid={`dr-version-${v.seq}`}>
                <div>
                  <Typography.Text strong>{t(`dailyReport.action.${v.action}`)}</Typography.Text>
                  {' · '}
                  {formatTime(v.at, locale)} · {v.actorName ?? '—'}{' '}
                  {v.proxyUnit && (
                    <Tag color="purple" data-testid={`dr-version-proxy-${v.seq}`}>
                      {t('dailyReport.proxyTag', { unit: v.proxyUnit })}
                    </Tag>
                  )}
                  <Tag color={STATUS_COLORS[v.status]}>
                    {t(`dailyReport.status.${v.status}`)}
                    {v.version > 0 ? ` ${t('dailyReport.versionN', { n: v.version })}` : ''}
                  </Tag>
                </div>
                {v.note && (
                  <div>
                    <Typography.Text type="secondary">{v.note}</Typography.Text>
                  </div>
                )}
                {v.changes
                  .filter((c) => c.field !== 'status')
                  .map((c) => (
                    <div key={c.field} style={{ fontSize: 13 }}>
                      {label(c.field)}：{value(c.field, c.from)} → {value(c.field, c.to)}
                      {c.field.startsWith('figures.') && v.corrections[c.field.slice(8) as 'residents']?.reason
                        ? `（${v.corrections[c.field.slice(8) as 'residents']!.reason}）`
                        : ''}
                    </div>
                  ))}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
