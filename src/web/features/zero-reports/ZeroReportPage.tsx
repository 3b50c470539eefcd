import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Card, DatePicker, Empty, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import {
  ZERO_REPORT_HISTORY_DAYS,
  type ZeroReportDraft,
  type ZeroReportUnitStatus,
} from '../../../shared/zero-reports';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { ZeroReportForm } from './ZeroReportForm';
import { zeroReportApi } from './zeroReportApi';

const STORAGE_KEY = 'qf_zero_report_unit';
const keyOf = (u: { unitType: string; unitId: string }) => `${u.unitType}:${u.unitId}`;

function storedUnit(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * 零报告填报: a unit's daily report. A grid worker, a checkpoint crew or an observer usually has
 * one unit and lands on its form; a township cadre picks among theirs (each marked reported or
 * not). Today (the county's day) by default; an earlier day of the last 14 can still be filed, late.
 */
export default function ZeroReportPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [today, setToday] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [units, setUnits] = useState<ZeroReportUnitStatus[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(storedUnit);
  const [draft, setDraft] = useState<ZeroReportDraft | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    let cancelled = false;
    zeroReportApi
      .units(day ?? undefined)
      .then((r) => {
        if (cancelled) return;
        setUnits(r.items);
        if (!day) {
          setToday(r.day);
          setDay(r.day);
        }
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        feedback.error(err);
        setUnits([]);
      });
    return () => {
      cancelled = true;
    };
  }, [day, generation, feedback]);

  const unit = units?.find((u) => keyOf(u) === chosen) ?? units?.[0];

  // a unit is the same unit when its report status changes: depend on its type and id only
  const unitType = unit?.unitType;
  const unitId = unit?.unitId;
  const loadDraft = useCallback(() => {
    if (!unitType || !unitId || !day) return;
    setDraft(null);
    zeroReportApi
      .draft(unitType, unitId, day)
      .then(setDraft)
      .catch((err: unknown) => feedback.error(err));
  }, [unitType, unitId, day, feedback]);
  useEffect(loadDraft, [loadDraft]);

  const choose = (key: string) => {
    try {
      localStorage.setItem(STORAGE_KEY, key);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setChosen(key);
  };

  if (units === null) return <Spin style={{ display: 'block', margin: 40 }} />;
  if (units.length === 0)
    return (
      <Card>
        <Empty description={t('zeroReport.form.noUnits')} />
      </Card>
    );

  return (
    <Card size={mobile ? 'small' : undefined} title={t('zeroReport.form.title')} style={{ maxWidth: 560 }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Select
          data-testid="zr-unit-select"
          value={unit ? keyOf(unit) : undefined}
          onChange={choose}
          aria-label={t('zeroReport.form.unit')}
          placeholder={t('zeroReport.form.chooseUnit')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          size="large"
          options={units.map((u) => ({
            value: keyOf(u),
            label: `${u.name}（${t(`zeroReport.unitType.${u.unitType}`)}${u.townshipName ? ' · ' + u.townshipName : ''}）`,
          }))}
          optionRender={(option) => {
            const u = units.find((x) => keyOf(x) === option.value)!;
            return (
              <Space>
                {u.report ? (
                  <CheckCircleFilled style={{ color: u.report.onTime ? '#389e0d' : '#d48806' }} />
                ) : (
                  <ClockCircleOutlined style={{ color: '#bfbfbf' }} />
                )}
                {option.label}
              </Space>
            );
          }}
        />
        <Space wrap>
          <DatePicker
            value={day ? dayjs(day) : null}
            onChange={(d: Dayjs | null) => d && setDay(d.format('YYYY-MM-DD'))}
            allowClear={false}
            disabledDate={(d) =>
              !today ||
              d.isAfter(dayjs(today), 'day') ||
              d.isBefore(dayjs(today).subtract(ZERO_REPORT_HISTORY_DAYS, 'day'), 'day')
            }
            aria-label={t('zeroReport.form.day')}
            data-testid="zr-day"
          />
          {draft && (
            <Typography.Text type={draft.deadlinePassed ? 'warning' : 'secondary'}>
              {t('zeroReport.form.deadline', { day: draft.day, deadline: draft.deadline })}
            </Typography.Text>
          )}
        </Space>
        {draft ? (
          <ZeroReportForm
            key={`${keyOf(draft.unit)}|${draft.day}|${draft.report?.version ?? 0}|${draft.asOf}`}
            draft={draft}
            onSubmitted={() => {
              loadDraft();
              setGeneration((g) => g + 1);
            }}
          />
        ) : (
          <Spin style={{ display: 'block', margin: 24 }} />
        )}
      </Space>
    </Card>
  );
}
