import {
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { Gathering, GatheringOutcome, PersuasionVisit } from '../../../shared/gatherings';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { gatheringsApi, STATUS_COLORS } from './gatheringsApi';

/** 结果 as a tag: "已延期 → 2020-05-01", "缩小规模 · 8 人". */
export function GatheringStatusTag({ g }: { g: Gathering }) {
  const { t } = useI18n();
  const extra =
    g.status === 'postponed' && g.newDate
      ? ` → ${g.newDate}`
      : (g.status === 'scaled_down' || g.status === 'held') && g.actualGuests !== null
        ? ` · ${t('gatherings.guests', { n: g.actualGuests })}`
        : '';
  return (
    <Tag color={STATUS_COLORS[g.status]} data-testid="gathering-status">
      {t(`gatherings.status.${g.status}`)}
      {extra}
    </Tag>
  );
}

/** A persuasion visit (劝导): who was there, what was said, whether the host agreed. */
function VisitForm({ gatheringId, onSaved }: { gatheringId: string; onSaved: (v: PersuasionVisit) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ present?: string; result: string; agreed: boolean }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      onSaved(
        await gatheringsApi.visit(gatheringId, {
          present: v.present?.trim() || null,
          result: v.result.trim(),
          agreed: v.agreed,
        }),
      );
      form.resetFields();
      feedback.success(t('gatherings.visitSaved'));
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ agreed: true }}>
      <Form.Item name="present" label={t('gatherings.present')}>
        <Input maxLength={200} placeholder={t('gatherings.presentPlaceholder')} data-testid="visit-present" />
      </Form.Item>
      <Form.Item
        name="result"
        label={t('gatherings.result')}
        rules={[{ required: true, message: t('gatherings.required') }]}
      >
        <Input.TextArea
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('gatherings.resultPlaceholder')}
          data-testid="visit-result"
        />
      </Form.Item>
      <Form.Item name="agreed" label={t('gatherings.agreed')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('gatherings.agreedYes') },
            { value: false, label: t('gatherings.agreedNo') },
          ]}
        />
      </Form.Item>
      <Button block size="large" loading={saving} onClick={() => void submit()} data-testid="visit-submit">
        {t('gatherings.addVisit')}
      </Button>
    </Form>
  );
}

interface OutcomeValues {
  outcome: GatheringOutcome;
  newDate?: Dayjs | null;
  actualGuests?: number | null;
  note?: string;
}

/** 登记结果: cancelled, postponed (new date), scaled down or held (actual guests) — the server checks the same rules. */
function OutcomeForm({ gathering, onSaved }: { gathering: Gathering; onSaved: (g: Gathering) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<OutcomeValues>();
  const [saving, setSaving] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      onSaved(
        await gatheringsApi.outcome(gathering.id, {
          outcome: v.outcome,
          newDate: v.outcome === 'postponed' ? (v.newDate?.format('YYYY-MM-DD') ?? null) : null,
          actualGuests: v.outcome === 'scaled_down' || v.outcome === 'held' ? (v.actualGuests ?? null) : null,
          note: v.note?.trim() || null,
        }),
      );
      feedback.success(t('gatherings.outcomeSaved'));
    } catch (err) {
      const field =
        err instanceof ApiError && err.code === 'GATHERING_OUTCOME_INVALID'
          ? (err.details as { field?: string } | undefined)?.field
          : undefined;
      if (field === 'newDate' || field === 'actualGuests')
        form.setFields([{ name: field, errors: [(err as ApiError).message] }]);
      else feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('gatherings.required') }];
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        outcome: gathering.status === 'planned' ? 'cancelled' : gathering.status,
        newDate: gathering.newDate ? dayjs(gathering.newDate) : null,
        actualGuests: gathering.actualGuests,
        note: gathering.outcomeNote ?? undefined,
      }}
    >
      <Form.Item name="outcome" label={t('gatherings.status')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="outcome-choice"
          options={(['cancelled', 'postponed', 'scaled_down', 'held'] as const).map((o) => ({
            value: o,
            label: t(`gatherings.status.${o}`),
          }))}
        />
      </Form.Item>
      {outcome === 'postponed' && (
        <Form.Item
          name="newDate"
          label={t('gatherings.newDate')}
          rules={required}
          extra={t('gatherings.outcomeHint.postponed')}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="outcome-new-date" />
        </Form.Item>
      )}
      {(outcome === 'scaled_down' || outcome === 'held') && (
        <Form.Item
          name="actualGuests"
          label={t('gatherings.actual')}
          rules={required}
          extra={t(`gatherings.outcomeHint.${outcome}`)}
        >
          <InputNumber
            min={0}
            max={100000}
            style={{ width: '100%' }}
            inputMode="numeric"
            data-testid="outcome-actual"
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('gatherings.note')}>
        <Input maxLength={500} />
      </Form.Item>
      <Button
        type="primary"
        block
        size="large"
        loading={saving}
        onClick={() => void submit()}
        data-testid="outcome-submit"
      >
        {t('gatherings.outcome')}
      </Button>
    </Form>
  );
}

/** One gathering at phone width: the facts, the host's phone (audited reveal), the persuasion visits, the outcome. */
export function GatheringDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string;
  onClose: () => void;
  onChanged: (g: Gathering) => void;
}) {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [data, setData] = useState<{ gathering: Gathering; visits: PersuasionVisit[] } | null>(null);
  const load = useCallback(() => {
    gatheringsApi.gathering(id).then(setData).catch(feedback.error);
  }, [id, feedback]);
  useEffect(load, [load]);
  const handles = can.handleGatherings(me.role);
  const g = data?.gathering;

  return (
    <Drawer open onClose={onClose} size={mobile ? '100%' : 520} title={t('gatherings.detail')} destroyOnHidden>
      {!g || !data ? (
        <Spin />
      ) : (
        <div data-testid="gathering-detail">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t(`gatherings.occasion.${g.occasion}`)} · {g.hostName}
          </Typography.Title>
          <GatheringStatusTag g={g} />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              { key: 'date', label: t('gatherings.date'), children: g.date },
              { key: 'region', label: t('gatherings.region'), children: g.regionName ?? '—' },
              { key: 'place', label: t('gatherings.place'), children: g.place ?? '—' },
              { key: 'expected', label: t('gatherings.expected'), children: g.expectedGuests },
              {
                key: 'phone',
                label: t('gatherings.hostPhone'),
                children: (
                  <MaskedReveal
                    masked={g.hostPhone}
                    reveal={handles ? () => gatheringsApi.revealPhone(g.id) : undefined}
                    label={t('gatherings.revealPhone')}
                  />
                ),
              },
              ...(g.note ? [{ key: 'note', label: t('gatherings.note'), children: g.note }] : []),
              ...(g.outcomeNote ? [{ key: 'onote', label: t('gatherings.status'), children: g.outcomeNote }] : []),
            ]}
          />
          <Typography.Title level={5}>{t('gatherings.visits')}</Typography.Title>
          {data.visits.length === 0 ? (
            <Typography.Text type="secondary">{t('gatherings.noVisits')}</Typography.Text>
          ) : (
            <Timeline
              data-testid="gathering-visits"
              items={data.visits.map((v) => ({
                color: v.agreed ? 'green' : 'gray',
                content: (
                  <div>
                    <div>
                      {formatTime(v.visitedAt, locale)} · {v.visitorName ?? '—'}
                      {v.present ? ` · ${v.present}` : ''}
                    </div>
                    <div>
                      {v.result}{' '}
                      {v.agreed ? (
                        <Tag color="green">{t('gatherings.agreedYes')}</Tag>
                      ) : (
                        <Tag>{t('gatherings.agreedNo')}</Tag>
                      )}
                    </div>
                  </div>
                ),
              }))}
            />
          )}
          {handles && g.status !== 'held' && (
            <div style={{ marginTop: 12, padding: 12, background: '#fafafa', borderRadius: 8 }}>
              <VisitForm
                gatheringId={g.id}
                onSaved={() => {
                  load();
                }}
              />
            </div>
          )}
          {handles && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('gatherings.outcome')}
              </Typography.Title>
              <OutcomeForm
                key={g.updatedAt}
                gathering={g}
                onSaved={(next) => {
                  onChanged(next);
                  load();
                }}
              />
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
