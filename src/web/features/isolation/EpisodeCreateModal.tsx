import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Result,
  Select,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  IsolationKind,
  IsolationReason,
  type BulkEpisodeResult,
  type EpisodeInput,
  type IsolationSettings,
} from '../../../shared/isolation';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../shared/errors';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { isolationApi, type EpisodeBody } from './isolationApi';
import { DefaultObserverHint } from './DefaultObserverHint';
import { ObserverSelect, PersonsPicker, RoomSelect, SiteSelect, type PickedPerson } from './pickers';
import { countyToday } from '../../app/format';

export interface EpisodePrefill {
  persons?: PickedPerson[];
  reason?: IsolationReason;
  sourceType?: EpisodeInput['sourceType'];
  sourceId?: string;
}

interface FormValues {
  personIds: string[];
  kind: IsolationKind;
  siteId?: string;
  roomId?: string;
  reason: IsolationReason;
  reasonDetail?: string;
  startDay: Dayjs | null;
  days?: number | null;
  slotsPerDay: number;
  observerId?: string | null;
}

interface Props {
  prefill?: EpisodePrefill;
  /** 整户隔离: the household's members instead of a person picker. */
  household?: { id: string; label: string };
  onClose: () => void;
  /** After a change: the list behind the modal reloads. */
  onCreated?: () => void;
}

/**
 * 新增隔离: one person (by hand, or from an alert, a screening visit or a checkpoint referral),
 * several at once (bulk: each gets an episode; those already isolated are listed as skipped), or
 * a whole household. Length and follow-up windows default to the county's settings.
 */
export function EpisodeCreateModal({ prefill, household, onClose, onCreated }: Props) {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [known, setKnown] = useState<PickedPerson[]>(prefill?.persons ?? []);
  const [settings, setSettings] = useState<IsolationSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<BulkEpisodeResult | null>(null);
  const kind = Form.useWatch('kind', form);
  const siteId = Form.useWatch('siteId', form);
  const reason = Form.useWatch('reason', form);
  const slotsPerDay = Form.useWatch('slotsPerDay', form);
  const personIds = Form.useWatch('personIds', form) ?? [];
  const observerId = Form.useWatch('observerId', form);
  const observerHint = household ? (
    <Typography.Text type="secondary" data-testid="default-observers">
      {t('isolation.defaultObserverRule')}
    </Typography.Text>
  ) : (
    <DefaultObserverHint personIds={personIds} siteId={kind === 'centralised' ? siteId : undefined} />
  );

  useEffect(() => {
    isolationApi
      .settings()
      .then(setSettings)
      .catch(() => setSettings(null));
  }, []);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const common: Omit<EpisodeBody, 'personId'> = {
      kind: values.kind,
      siteId: values.kind === 'centralised' ? values.siteId : undefined,
      roomId: values.kind === 'centralised' ? values.roomId || undefined : undefined,
      reason: values.reason,
      reasonDetail: values.reasonDetail?.trim() || null,
      startDay: values.startDay?.format('YYYY-MM-DD'),
      days: values.days ?? undefined,
      slotsPerDay: values.slotsPerDay,
      observerId: values.observerId ?? undefined,
      sourceType: prefill?.sourceType ?? 'manual',
      sourceId: prefill?.sourceId,
    };
    setSaving(true);
    try {
      if (household) {
        setResult(await isolationApi.createHousehold({ ...common, householdId: household.id }));
        onCreated?.();
      } else if (values.personIds.length === 1) {
        const episode = await isolationApi.create({ ...common, personId: values.personIds[0]! });
        feedback.success(t('isolation.created'));
        onCreated?.();
        navigate(`/isolation/episodes/${episode.id}`);
      } else {
        setResult(
          await isolationApi.createBulk({
            ...common,
            sourceType: common.sourceType === 'manual' ? 'bulk' : common.sourceType,
            personIds: values.personIds,
          }),
        );
        onCreated?.();
      }
    } catch (err) {
      feedback.formError(form, err, {
        ALREADY_ISOLATED: 'personIds',
        PERSON_NOT_FOUND: 'personIds',
        ISOLATION_SITE_REQUIRED: 'siteId',
        ISOLATION_SITE_CLOSED: 'siteId',
        ISOLATION_SITE_NOT_FOUND: 'siteId',
        SITE_FULL: 'siteId',
        ROOM_FULL: 'roomId',
        ROOM_NOT_FOUND: 'roomId',
        OBSERVER_INVALID: 'observerId',
        EPISODE_DATES_INVALID: 'startDay',
      });
    } finally {
      setSaving(false);
    }
  };

  const nameOf = (personId: string) => known.find((p) => p.id === personId)?.name ?? personId;
  /** The skipped person's reason in the UI language (the server gives it in Chinese). */
  const skipReason = (code: string, message: string) =>
    locale === 'en' && code in ERROR_CATALOGUE ? ERROR_CATALOGUE[code as ErrorCode].en : message;

  if (result) {
    return (
      <Modal
        open
        title={household ? t('isolation.householdTitle') : t('isolation.bulkTitle')}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        }
      >
        <Result
          status={result.created.length ? 'success' : 'warning'}
          title={t('isolation.bulkResult', { created: result.created.length, skipped: result.skipped.length })}
          style={{ padding: 16 }}
        />
        {result.skipped.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('isolation.skipped')}</Typography.Text>}
            dataSource={result.skipped}
            data-testid="bulk-skipped"
            renderItem={(s) => (
              <List.Item>
                {nameOf(s.personId)}：<Typography.Text type="warning">{skipReason(s.code, s.message)}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Modal>
    );
  }

  const defaultDays = settings && reason ? settings.daysByReason[reason] : null;
  const windows = settings && slotsPerDay ? settings.windows[slotsPerDay as 1 | 2 | 3 | 4] : null;

  return (
    <Modal
      open
      title={household ? t('isolation.householdTitle') : t('isolation.createTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('isolation.createOk')}
      okButtonProps={{ 'data-testid': 'episode-submit' }}
      destroyOnHidden
      width={600}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          personIds: prefill?.persons?.map((p) => p.id) ?? [],
          kind: 'home',
          reason: prefill?.reason ?? 'close_contact',
          startDay: countyToday(),
          slotsPerDay: 2,
          observerId: null,
        }}
      >
        {household ? (
          <Alert
            type="info"
            showIcon
            title={t('isolation.householdHint', { household: household.label })}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Form.Item
            name="personIds"
            label={t('isolation.persons')}
            htmlFor="episode-persons"
            extra={t('isolation.personsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('isolation.personsRequired') }]}
          >
            <PersonsPicker id="episode-persons" known={known} onKnown={setKnown} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('isolation.kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={IsolationKind.options.map((k) => ({ value: k, label: t(`isolation.kind.${k}`) }))}
            data-testid="episode-kind"
          />
        </Form.Item>
        {kind === 'centralised' && (
          <div style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 8 }}>
            <Form.Item
              name="siteId"
              label={t('isolation.site')}
              htmlFor="episode-site"
              rules={[{ required: true, message: t('isolation.siteRequired') }]}
            >
              <SiteSelect id="episode-site" onChange={(v) => form.setFieldsValue({ siteId: v, roomId: undefined })} />
            </Form.Item>
            <Form.Item name="roomId" label={t('isolation.room')} htmlFor="episode-room">
              <RoomSelect id="episode-room" siteId={siteId} />
            </Form.Item>
          </div>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <Form.Item name="reason" label={t('isolation.reason')} htmlFor="episode-reason">
            <Select
              id="episode-reason"
              options={IsolationReason.options.map((r) => ({ value: r, label: t(`isolation.reason.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="reasonDetail" label={t('isolation.reasonDetail')} htmlFor="episode-reason-detail">
            <Input id="episode-reason-detail" maxLength={200} placeholder={t('common.optional')} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
          <Form.Item name="startDay" label={t('isolation.startDay')} htmlFor="episode-start">
            <DatePicker id="episode-start" allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="days" label={t('isolation.days')} htmlFor="episode-days">
            <InputNumber
              id="episode-days"
              min={1}
              max={60}
              precision={0}
              style={{ width: '100%' }}
              placeholder={defaultDays ? t('isolation.daysDefault', { n: defaultDays }) : undefined}
            />
          </Form.Item>
          <Form.Item name="slotsPerDay" label={t('isolation.slotsPerDay')} htmlFor="episode-slots">
            <Select
              id="episode-slots"
              options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('isolation.timesPerDay', { n }) }))}
            />
          </Form.Item>
        </div>
        {windows && (
          <Typography.Text
            type="secondary"
            style={{ display: 'block', marginTop: -16, marginBottom: 12, fontSize: 12 }}
          >
            {t('isolation.windowsHint', { windows: windows.join('、') })}
          </Typography.Text>
        )}
        {can.pickObserver(me.role) ? (
          <Form.Item
            name="observerId"
            label={t('isolation.observer')}
            htmlFor="episode-observer"
            extra={observerId ? undefined : observerHint}
          >
            <ObserverSelect id="episode-observer" />
          </Form.Item>
        ) : (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {me.role === 'observer' ? t('isolation.observerSelf') : observerHint}
          </Typography.Text>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
