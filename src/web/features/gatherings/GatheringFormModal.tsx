import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Gathering } from '../../../shared/gatherings';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { gatheringsApi, OCCASIONS } from './gatheringsApi';

interface Values {
  regionId: string | null;
  occasion: Gathering['occasion'];
  hostName: string;
  hostPhone?: string;
  date: Dayjs | null;
  place?: string;
  expectedGuests: number | null;
  note?: string;
}

/** 登记活动: a wedding, funeral, banquet … the village has heard of, with its host, date, place and expected guests. */
export function GatheringFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (g: Gathering) => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const g = await gatheringsApi.register({
        regionId: v.regionId!,
        occasion: v.occasion,
        hostName: v.hostName.trim(),
        hostPhone: v.hostPhone?.trim() || null,
        date: v.date!.format('YYYY-MM-DD'),
        place: v.place?.trim() || null,
        expectedGuests: v.expectedGuests!,
        note: v.note?.trim() || null,
      });
      feedback.success(t('gatherings.registered'));
      onSaved(g);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId', GATHERING_REGION_INVALID: 'regionId' });
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('gatherings.required') }];
  const regionLevelOk = me.region && (me.region.level === 'village' || me.region.level === 'grid');
  return (
    <Modal
      open
      title={t('gatherings.register')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'gathering-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionId: regionLevelOk ? me.region!.id : null,
          occasion: 'banquet',
          date: null,
          expectedGuests: null,
        }}
      >
        <Form.Item name="regionId" label={t('gatherings.region')} rules={required} extra={t('gatherings.regionHint')}>
          <RegionPicker
            valueLabel={regionLevelOk ? me.region!.name : undefined}
            isDisabled={(r) => r.level !== 'village' && r.level !== 'grid'}
          />
        </Form.Item>
        <Form.Item name="occasion" label={t('gatherings.occasion')} rules={required}>
          <Select
            data-testid="gathering-occasion"
            options={OCCASIONS.map((o) => ({ value: o, label: t(`gatherings.occasion.${o}`) }))}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="hostName" label={t('gatherings.host')} rules={required} style={{ flex: '1 1 160px' }}>
            <Input maxLength={50} data-testid="gathering-host" />
          </Form.Item>
          <Form.Item
            name="hostPhone"
            label={t('gatherings.hostPhone')}
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('gatherings.phoneInvalid') }]}
            style={{ flex: '1 1 160px' }}
          >
            <Input maxLength={11} inputMode="tel" data-testid="gathering-phone" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="date" label={t('gatherings.date')} rules={required} style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="gathering-date" />
          </Form.Item>
          <Form.Item
            name="expectedGuests"
            label={t('gatherings.expected')}
            rules={required}
            style={{ flex: '1 1 120px' }}
          >
            <InputNumber
              min={1}
              max={100000}
              style={{ width: '100%' }}
              inputMode="numeric"
              data-testid="gathering-expected"
            />
          </Form.Item>
        </div>
        <Form.Item name="place" label={t('gatherings.place')}>
          <Input maxLength={200} data-testid="gathering-place" />
        </Form.Item>
        <Form.Item name="note" label={t('gatherings.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
