import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { Site } from '../../../shared/checkpoints';
import type { Case } from '../../../shared/tracing';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n, type Translate } from '../../app/i18n';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { checkpointApi } from '../checkpoints/checkpointApi';
import { RegionPicker } from '../regions/RegionPicker';
import { tracingApi } from './tracingApi';

interface Values {
  kind: 'vehicle' | 'place';
  plate?: string;
  siteId?: string;
  place?: string;
  windowFrom: Dayjs | null;
  windowTo: Dayjs | null;
  title: string;
  body: string;
  hotline: string;
  regionId: string | null;
  expected?: number | null;
  caseId?: string;
}

export interface SeekNoticePrefill {
  caseId: string;
  caseName: string;
}

/** The notice's title and text drafted from what is sought, for the tracer to edit. */
function draft(
  t: Translate,
  en: boolean,
  v: Partial<Values>,
  siteName: string | undefined,
): { title: string; body: string } {
  const from = v.windowFrom;
  const to = v.windowTo;
  const when = from
    ? t('tracing.template.when', {
        date: from.format(en ? 'MMM D' : 'M月D日'),
        from: from.format('HH:mm'),
        to: to ? (to.isSame(from, 'day') ? to.format('HH:mm') : to.format(en ? 'MMM D HH:mm' : 'M月D日 HH:mm')) : '',
      })
    : '';
  const hotline = v.hotline?.trim() || '____';
  if (v.kind === 'vehicle') {
    const plate = v.plate?.trim().toUpperCase() || '____';
    return {
      title: t('tracing.template.vehicleTitle', { plate }),
      body: t('tracing.template.vehicleBody', { when, plate, hotline }),
    };
  }
  const place = siteName ?? (v.place?.trim() || '____');
  return {
    title: t('tracing.template.placeTitle', { place }),
    body: t('tracing.template.placeBody', { when, place, hotline }),
  };
}

/**
 * 新建寻人通告: a vehicle (plate) or a place (a checkpoint or a described place) and a time window,
 * the text (drafted from them until the tracer edits it), the hotline, the region addressed, how
 * many people are sought and the case it is about. Qunfang fills the found list from its own
 * passages as soon as it is saved.
 */
export function SeekNoticeEditorModal({
  prefill,
  onClose,
  onCreated,
}: {
  prefill?: SeekNoticePrefill;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [sites, setSites] = useState<Site[] | null>(null);
  const edited = useRef({ title: false, body: false });
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    checkpointApi
      .sites()
      .then(setSites)
      .catch(() => setSites([]));
  }, []);

  /** Re-draft the text from the fields, unless the tracer has written it themselves. */
  const redraft = (_: unknown, all: Values) => {
    const text = draft(t, locale === 'en', all, sites?.find((s) => s.id === all.siteId)?.name);
    const next: Partial<Values> = {};
    if (!edited.current.title) next.title = text.title;
    if (!edited.current.body) next.body = text.body;
    form.setFieldsValue(next);
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const notice = await tracingApi.createNotice({
        title: v.title.trim(),
        body: v.body.trim(),
        hotline: v.hotline.trim(),
        regionId: v.regionId!,
        kind: v.kind,
        plate: v.kind === 'vehicle' ? v.plate?.trim() : null,
        siteId: v.kind === 'place' ? (v.siteId ?? null) : null,
        place: v.kind === 'place' ? v.place?.trim() || null : null,
        windowFrom: v.windowFrom!.format(),
        windowTo: v.windowTo!.format(),
        expected: v.expected ?? null,
        caseId: v.caseId ?? null,
      });
      feedback.success(t('tracing.noticeCreated', { n: notice.found }));
      onCreated(notice.id);
    } catch (err) {
      const field =
        err instanceof ApiError && err.code === 'NOTICE_INVALID'
          ? (err.details as { field?: string } | undefined)?.field
          : undefined;
      if (field === 'windowTo' || field === 'place')
        form.setFields([{ name: field, errors: [(err as ApiError).message] }]);
      else
        feedback.formError(form, err, {
          PLATE_INVALID: 'plate',
          REGION_NOT_FOUND: 'regionId',
          SITE_NOT_FOUND: 'siteId',
          CASE_NOT_FOUND: 'caseId',
        });
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('tracing.required') }];
  const initial: Partial<Values> = {
    kind: 'vehicle',
    regionId: me.region?.id ?? null,
    caseId: prefill?.caseId,
    windowFrom: null,
    windowTo: null,
    ...draft(t, locale === 'en', { kind: 'vehicle' }, undefined),
  };

  return (
    <Modal
      open
      title={t('tracing.createNotice')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'notice-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<Values>, all) => {
          if ('title' in changed) edited.current.title = true;
          else if ('body' in changed) edited.current.body = true;
          else redraft(changed, all);
        }}
      >
        <Form.Item name="kind" label={t('tracing.noticeKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'vehicle', label: t('tracing.noticeKind.vehicle') },
              { value: 'place', label: t('tracing.noticeKind.place') },
            ]}
            data-testid="notice-kind"
          />
        </Form.Item>
        {kind !== 'place' ? (
          <Form.Item name="plate" label={t('tracing.plate')} rules={required}>
            <Input
              maxLength={12}
              placeholder="晋C60695"
              style={{ textTransform: 'uppercase' }}
              data-testid="notice-plate"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="siteId" label={t('tracing.site')} extra={t('tracing.siteHint')}>
              <Select
                allowClear
                loading={sites === null}
                showSearch={{ optionFilterProp: 'label' }}
                options={(sites ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.name}${s.regionName ? ` · ${s.regionName}` : ''}`,
                }))}
                placeholder={t('tracing.sitePlaceholder')}
                data-testid="notice-site"
              />
            </Form.Item>
            <Form.Item name="place" label={t('tracing.place')}>
              <Input maxLength={200} placeholder={t('tracing.placePlaceholder')} data-testid="notice-place" />
            </Form.Item>
          </>
        )}
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="windowFrom" label={t('tracing.windowFrom')} rules={required} style={{ flex: '1 1 220px' }}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              data-testid="notice-from"
            />
          </Form.Item>
          <Form.Item
            name="windowTo"
            label={t('tracing.windowTo')}
            dependencies={['windowFrom']}
            style={{ flex: '1 1 220px' }}
            rules={[
              ...required,
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null) =>
                  !value || !getFieldValue('windowFrom') || value.isAfter(getFieldValue('windowFrom'))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('tracing.windowOrder'))),
              }),
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              data-testid="notice-to"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="hotline"
          label={t('tracing.hotline')}
          rules={[...required, { min: 3, message: t('tracing.hotlineShort') }]}
        >
          <Input maxLength={50} placeholder="0354-5681234" data-testid="notice-hotline" />
        </Form.Item>
        <Form.Item name="title" label={t('tracing.noticeTitle')} rules={required}>
          <Input maxLength={100} data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="body" label={t('tracing.noticeBody')} rules={required} extra={t('tracing.noticeBodyHint')}>
          <Input.TextArea maxLength={3000} autoSize={{ minRows: 4, maxRows: 10 }} data-testid="notice-body" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="regionId" label={t('tracing.noticeRegion')} rules={required} style={{ flex: '2 1 240px' }}>
            <RegionPicker valueLabel={me.region?.name} allowClear={false} />
          </Form.Item>
          <Form.Item name="expected" label={t('tracing.expected')} style={{ flex: '1 1 120px' }}>
            <InputNumber min={0} max={10000} style={{ width: '100%' }} data-testid="notice-expected" />
          </Form.Item>
        </div>
        <Form.Item name="caseId" label={t('tracing.noticeCase')}>
          <RemoteSelect<Case>
            path="/cases"
            toOption={(c) => ({
              value: c.id,
              label: `${c.personName}（${t(`tracing.classification.${c.classification}`)} · ${c.reportDate}）`,
            })}
            labelOf={(caseId) => (caseId === prefill?.caseId ? prefill.caseName : undefined)}
            allowClear
            placeholder={t('tracing.noticeCasePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
