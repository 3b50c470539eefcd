import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Site, SiteInput } from '../../../shared/checkpoints';
import { MOBILE_PATTERN } from '../../../shared/validators';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { checkpointApi, SITE_KINDS } from './checkpointApi';
import { nameCount } from '../../app/nameInput';

type SiteForm = Omit<SiteInput, 'regionId'> & { regionId: string | null };

/**
 * 新增/编辑卡口. The lead's phone comes masked from the server: left untouched it is not sent, and
 * the server keeps the number it has.
 */
export function SiteFormModal({
  site,
  onClose,
  onSaved,
}: {
  site: Site | null;
  onClose: () => void;
  onSaved: (site: Site) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<SiteForm>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values?.regionId) return;
    const phone = values.leadPhone?.trim() || null;
    const body: SiteInput = {
      ...values,
      regionId: values.regionId,
      address: values.address?.trim() || null,
      responsibleUnit: values.responsibleUnit?.trim() || null,
      leadName: values.leadName?.trim() || null,
      leadPhone: phone,
    };
    if (site && phone === site.leadPhone) delete body.leadPhone; // unchanged (masked): kept
    setSaving(true);
    try {
      const saved = site ? await checkpointApi.updateSite(site.id, body) : await checkpointApi.createSite(body);
      feedback.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId', OUT_OF_SCOPE: 'regionId' });
    } finally {
      setSaving(false);
    }
  };

  const masked = (value: string | null | undefined) => !!site && value === site.leadPhone;

  return (
    <Modal
      open
      title={site ? t('sites.edit') : t('sites.add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'site-submit' }}
      destroyOnHidden
    >
      <Form<SiteForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={site ?? { regionId: null, kind: 'village_entrance', hours: '24h', status: 'active' }}
      >
        <Form.Item
          name="name"
          label={t('sites.name')}
          htmlFor="site-name"
          rules={[{ required: true, whitespace: true, message: t('sites.nameRequired') }]}
        >
          <Input id="site-name" count={nameCount(100)} placeholder="古陶东关卡口" />
        </Form.Item>
        <Form.Item name="kind" label={t('sites.kind')} htmlFor="site-kind">
          <Select id="site-kind" options={SITE_KINDS.map((k) => ({ value: k, label: t(`siteKind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="regionId"
          label={t('sites.region')}
          htmlFor="site-region"
          rules={[{ required: true, message: t('sites.regionRequired') }]}
        >
          <RegionPicker id="site-region" valueLabel={site?.regionName} />
        </Form.Item>
        <Form.Item name="address" label={t('sites.address')} htmlFor="site-address">
          <Input id="site-address" maxLength={200} />
        </Form.Item>
        <Form.Item name="responsibleUnit" label={t('sites.unit')} htmlFor="site-unit">
          <Input id="site-unit" maxLength={100} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <Form.Item name="leadName" label={t('sites.lead')} htmlFor="site-lead">
            <Input id="site-lead" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="leadPhone"
            label={t('sites.leadPhone')}
            htmlFor="site-lead-phone"
            rules={[
              {
                validator: async (_, v: string | null | undefined) =>
                  !v || masked(v) || MOBILE_PATTERN.test(v.trim())
                    ? undefined
                    : Promise.reject(new Error(t('phone.invalid'))),
              },
            ]}
          >
            <Input id="site-lead-phone" inputMode="tel" maxLength={11} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <Form.Item
            name="hours"
            label={t('sites.hours')}
            htmlFor="site-hours"
            extra={t('sites.hoursHint')}
            rules={[{ pattern: /^(24h|\d{2}:\d{2}-\d{2}:\d{2})$/, message: t('sites.hoursHint') }]}
          >
            <Input id="site-hours" maxLength={11} />
          </Form.Item>
          <Form.Item name="status" label={t('sites.status')} htmlFor="site-status">
            <Select
              id="site-status"
              options={(['active', 'closed'] as const).map((s) => ({ value: s, label: t(`sites.status.${s}`) }))}
            />
          </Form.Item>
        </div>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
