import { Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import type { Household } from '../../../shared/residents';
import { MOBILE_PATTERN } from '../../../shared/validators';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { householdApi } from '../residents/residentApi';

interface HouseholdForm {
  regionId: string | null;
  room?: string;
  phone?: string;
  vacant: boolean;
  note?: string;
}

/**
 * 新增住户: a household lives in a building (楼栋/院落) — only building nodes can be picked — with a
 * room number; the address is composed by the server from the township down to the room.
 */
export function HouseholdFormModal({
  onClose,
  onSaved,
}: {
  onClose: () => void;
  onSaved: (household: Household) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<HouseholdForm>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values?.regionId) return;
    setSaving(true);
    try {
      const household = await householdApi.create({
        regionId: values.regionId,
        room: values.room?.trim() || null,
        phone: values.phone?.trim() || null,
        vacant: values.vacant,
        note: values.note?.trim() || null,
      });
      feedback.success(t('households.created'));
      onSaved(household);
    } catch (err) {
      feedback.formError(form, err, {
        REGION_NOT_BUILDING: 'regionId',
        REGION_NOT_FOUND: 'regionId',
        REGION_RETIRED: 'regionId',
        OUT_OF_SCOPE: 'regionId',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('households.add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'household-submit' }}
      destroyOnHidden
    >
      <Form<HouseholdForm>
        form={form}
        layout="vertical"
        initialValues={{ regionId: null, vacant: false }}
        onFinish={submit}
      >
        <Form.Item
          name="regionId"
          label={t('households.building')}
          htmlFor="household-building"
          extra={t('households.buildingOnly')}
          rules={[{ required: true, message: t('households.buildingRequired') }]}
        >
          <RegionPicker id="household-building" isDisabled={(r) => r.level !== 'building'} />
        </Form.Item>
        <Form.Item name="room" label={t('households.room')} htmlFor="household-room">
          <Input id="household-room" maxLength={50} placeholder="2单元301" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('households.phone')}
          htmlFor="household-phone"
          rules={[{ pattern: MOBILE_PATTERN, message: t('phone.invalid') }]}
        >
          <Input id="household-phone" inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item
          name="vacant"
          label={t('households.vacant')}
          valuePropName="checked"
          htmlFor="household-vacant"
          extra={t('households.vacantHint')}
        >
          <Switch id="household-vacant" />
        </Form.Item>
        <Form.Item name="note" label={t('persons.note')} htmlFor="household-note">
          <Input.TextArea id="household-note" maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
