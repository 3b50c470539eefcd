import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import type { IsolationSite } from '../../../shared/isolation';
import { MOBILE_PATTERN } from '../../../shared/validators';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { isolationApi, type SiteBody } from './isolationApi';
import { nameCount } from '../../app/nameInput';

type SiteForm = Omit<SiteBody, 'regionId'> & { regionId: string | null };

/**
 * 新增/编辑隔离点 (a hotel taken over for centralised isolation). The contact's phone comes masked:
 * left untouched it is not sent, and the server keeps the number it has.
 */
export function SiteFormModal({
  site,
  onClose,
  onSaved,
}: {
  site: IsolationSite | null;
  onClose: () => void;
  onSaved: (site: IsolationSite) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<SiteForm>();
  const [saving, setSaving] = useState(false);
  const masked = (value: string | null | undefined) => !!site && value === site.contactPhone;

  const submit = async () => {
    const values = await validated(form);
    if (!values?.regionId) return;
    const phone = values.contactPhone?.trim() || null;
    const body: SiteBody = {
      name: values.name,
      regionId: values.regionId,
      address: values.address?.trim() || null,
      contactName: values.contactName?.trim() || null,
      contactPhone: phone,
      status: values.status,
    };
    if (site && masked(phone)) delete body.contactPhone;
    setSaving(true);
    try {
      const saved = site ? await isolationApi.updateSite(site.id, body) : await isolationApi.createSite(body);
      feedback.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId', OUT_OF_SCOPE: 'regionId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={site ? t('isolationSites.edit') : t('isolationSites.add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'isolation-site-submit' }}
      destroyOnHidden
    >
      <Form<SiteForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={site ?? { regionId: null, status: 'active' }}
      >
        <Form.Item
          name="name"
          label={t('isolationSites.name')}
          htmlFor="isite-name"
          rules={[{ required: true, whitespace: true, message: t('isolationSites.nameRequired') }]}
        >
          <Input id="isite-name" count={nameCount(100)} placeholder={t('isolationSites.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="regionId"
          label={t('isolationSites.region')}
          htmlFor="isite-region"
          rules={[{ required: true, message: t('isolationSites.regionRequired') }]}
        >
          <RegionPicker id="isite-region" valueLabel={site?.regionName} />
        </Form.Item>
        <Form.Item name="address" label={t('isolationSites.address')} htmlFor="isite-address">
          <Input id="isite-address" maxLength={200} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <Form.Item name="contactName" label={t('isolationSites.contact')} htmlFor="isite-contact">
            <Input id="isite-contact" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('isolationSites.contactPhone')}
            htmlFor="isite-phone"
            rules={[
              {
                validator: async (_, v: string | null | undefined) =>
                  !v || masked(v) || MOBILE_PATTERN.test(v.trim())
                    ? undefined
                    : Promise.reject(new Error(t('phone.invalid'))),
              },
            ]}
          >
            <Input id="isite-phone" inputMode="tel" maxLength={11} />
          </Form.Item>
        </div>
        <Form.Item name="status" label={t('isolationSites.status')} htmlFor="isite-status">
          <Select
            id="isite-status"
            options={(['active', 'closed'] as const).map((s) => ({ value: s, label: t(`isolationSites.status.${s}`) }))}
          />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

interface RoomsForm {
  mode: 'range' | 'labels';
  from?: number;
  to?: number;
  labels?: string;
  capacity: number;
}

/** 添加房间: a numbered range (101–120) or labels separated by commas, spaces or lines. */
export function AddRoomsModal({
  siteId,
  onClose,
  onAdded,
}: {
  siteId: string;
  onClose: () => void;
  onAdded: (created: number) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<RoomsForm>();
  const mode = Form.useWatch('mode', form);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const labels = (values.labels ?? '')
      .split(/[\s,，、;；]+/)
      .map((l) => l.trim())
      .filter(Boolean);
    setSaving(true);
    try {
      const { created } = await isolationApi.addRooms(
        siteId,
        values.mode === 'range'
          ? { from: values.from, to: values.to, capacity: values.capacity }
          : { labels, capacity: values.capacity },
      );
      feedback.success(t('isolationSites.roomsAdded', { n: created }));
      onAdded(created);
    } catch (err) {
      feedback.formError(form, err, { ROOM_LABEL_TAKEN: values.mode === 'range' ? 'from' : 'labels' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('isolationSites.addRooms')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'rooms-submit' }}
      destroyOnHidden
    >
      <Form<RoomsForm> form={form} layout="vertical" onFinish={submit} initialValues={{ mode: 'range', capacity: 1 }}>
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'range', label: t('isolationSites.byRange') },
              { value: 'labels', label: t('isolationSites.byLabels') },
            ]}
          />
        </Form.Item>
        {mode === 'labels' ? (
          <Form.Item
            name="labels"
            label={t('isolationSites.labels')}
            extra={t('isolationSites.labelsHint')}
            rules={[{ required: true, whitespace: true, message: t('isolation.required') }]}
          >
            <Input.TextArea rows={3} placeholder="A101, A102, B201" />
          </Form.Item>
        ) : (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            <Form.Item
              name="from"
              label={t('isolationSites.from')}
              rules={[{ required: true, message: t('isolation.required') }]}
            >
              <InputNumber
                min={1}
                max={99999}
                precision={0}
                style={{ width: '100%' }}
                placeholder="101"
                data-testid="rooms-from"
              />
            </Form.Item>
            <Form.Item
              name="to"
              label={t('isolationSites.to')}
              dependencies={['from']}
              rules={[
                { required: true, message: t('isolation.required') },
                ({ getFieldValue }) => ({
                  validator: async (_, v: number | undefined) =>
                    v === undefined || v >= (getFieldValue('from') ?? 0)
                      ? undefined
                      : Promise.reject(new Error(t('isolationSites.rangeInvalid'))),
                }),
              ]}
            >
              <InputNumber
                min={1}
                max={99999}
                precision={0}
                style={{ width: '100%' }}
                placeholder="120"
                data-testid="rooms-to"
              />
            </Form.Item>
          </div>
        )}
        <Form.Item name="capacity" label={t('isolationSites.capacityPerRoom')}>
          <InputNumber min={1} max={10} precision={0} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
