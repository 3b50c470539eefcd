import { Checkbox, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AvailabilitySlot, Skill, Volunteer } from '../../../shared/volunteers';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { healthBody, NO_SYMPTOMS, VolunteerFields, type HealthValues } from './VolunteerFields';
import { volunteersApi } from './volunteersApi';

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  regionId: string | null;
  skills: Skill[];
  availability: AvailabilitySlot[];
  health: HealthValues;
  note?: string;
  approve: boolean;
}

/**
 * 登记志愿者 (a cadre signs someone up: name, ID number, mobile, village, skills, times, health
 * declaration; approved at once if they know them) — or, given `volunteer`, 修改 what a cadre may change.
 */
export function VolunteerFormModal({
  volunteer,
  onClose,
  onSaved,
}: {
  volunteer?: Volunteer;
  onClose: () => void;
  onSaved: (v: Volunteer) => void;
}) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('volunteers.required') }];
  const h = volunteer?.healthDeclaration;
  const initial: Partial<Values> = volunteer
    ? {
        regionId: volunteer.regionId,
        skills: volunteer.skills,
        availability: volunteer.availability,
        note: volunteer.note ?? undefined,
        health: h
          ? {
              ...h,
              riskArea: h.riskArea ?? undefined,
              riskAreaReturnedOn: h.riskAreaReturnedOn ? dayjs(h.riskAreaReturnedOn) : null,
            }
          : NO_SYMPTOMS,
      }
    : { regionId: null, skills: [], availability: [], health: NO_SYMPTOMS, approve: false };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const common = {
        skills: v.skills,
        availability: v.availability,
        healthDeclaration: healthBody(v.health),
        note: v.note?.trim() || null,
      };
      // an unchanged declaration is not sent, so it keeps the date it was made
      const sameHealth =
        !!volunteer?.healthDeclaration &&
        JSON.stringify(healthBody(v.health)) === JSON.stringify(healthBody(initial.health!));
      const saved = volunteer
        ? await volunteersApi.update(volunteer.id, {
            ...common,
            healthDeclaration: sameHealth ? undefined : common.healthDeclaration,
            regionId: v.regionId ?? undefined,
          })
        : await volunteersApi.create({
            ...common,
            name: v.name.trim(),
            idNumber: v.idNumber.trim(),
            phone: v.phone.trim(),
            regionId: v.regionId!,
            approve: v.approve,
          });
      feedback.success(t(volunteer ? 'volunteers.saved' : 'volunteers.created'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err, {
        ID_NUMBER_INVALID: 'idNumber',
        ID_NUMBER_NAME_MISMATCH: 'name',
        VOLUNTEER_EXISTS: 'idNumber',
        VOLUNTEER_REGION_LEVEL: 'regionId',
        REGION_NOT_FOUND: 'regionId',
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={volunteer ? `${t('volunteers.edit')} · ${volunteer.name}` : t('volunteers.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'volunteer-submit' }}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        {!volunteer && (
          <>
            <Form.Item name="name" label={t('volunteers.name')} rules={required}>
              <Input maxLength={50} data-testid="volunteer-name" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('volunteers.idNumber')} rules={required}>
              <Input maxLength={18} data-testid="volunteer-id-number" />
            </Form.Item>
            <Form.Item name="phone" label={t('volunteers.phone')} rules={required}>
              <Input maxLength={11} inputMode="tel" data-testid="volunteer-phone" />
            </Form.Item>
          </>
        )}
        <Form.Item name="regionId" label={t('volunteers.region')} rules={required}>
          <RegionPicker
            valueLabel={volunteer?.regionName ?? me.region?.name}
            isDisabled={(r) => r.level !== 'village'}
          />
        </Form.Item>
        <VolunteerFields />
        <Form.Item name="note" label={t('volunteers.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        {!volunteer && (
          <Form.Item name="approve" valuePropName="checked">
            <Checkbox>{t('volunteers.approveNow')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
