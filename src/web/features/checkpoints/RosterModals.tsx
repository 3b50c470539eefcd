import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Site } from '../../../shared/checkpoints';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UserSelect } from '../users/UserSelect';
import { checkpointApi, type Shift } from './checkpointApi';
import { countyToday, formatShortTime } from '../../app/format';

interface PlanForm {
  siteId: string;
  fromDay: Dayjs;
  days: number;
  startHours: number[];
}

const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${String(h).padStart(2, '0')}:00` }));

/** 排班: cut some days of a site into shifts (three 8-hour shifts by default). Planning twice is harmless. */
export function PlanModal({
  sites,
  siteId,
  onClose,
  onDone,
}: {
  sites: Site[];
  siteId?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<PlanForm>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const { created } = await checkpointApi.plan({
        siteId: values.siteId,
        fromDay: values.fromDay.format('YYYY-MM-DD'),
        days: values.days,
        startHours: values.startHours,
      });
      feedback.success(t('roster.planned', { n: created }));
      onDone();
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('roster.planTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'plan-submit' }}
      destroyOnHidden
    >
      <Form<PlanForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ siteId: siteId ?? sites[0]?.id, fromDay: countyToday(), days: 2, startHours: [0, 8, 16] }}
      >
        <Form.Item name="siteId" label={t('roster.site')} htmlFor="plan-site" rules={[{ required: true }]}>
          <Select
            id="plan-site"
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <Form.Item name="fromDay" label={t('roster.fromDay')} htmlFor="plan-from" rules={[{ required: true }]}>
            <DatePicker id="plan-from" allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="days" label={t('roster.days')} htmlFor="plan-days" rules={[{ required: true }]}>
            <InputNumber id="plan-days" min={1} max={31} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item
          name="startHours"
          label={t('roster.startHours')}
          htmlFor="plan-hours"
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select id="plan-hours" mode="multiple" options={HOURS} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** 安排人员: a user account, or just a name (a volunteer, a party member without an account). */
export function AssignModal({ shift, onClose, onDone }: { shift: Shift; onClose: () => void; onDone: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const time = (iso: string) => formatShortTime(iso, locale);

  const submit = async () => {
    if (!userId && !name.trim()) return feedback.error(new Error(t('roster.assignNeedsWho')));
    setSaving(true);
    try {
      await checkpointApi.assign(shift.id, userId ? { userId } : { name: name.trim() });
      feedback.success(t('common.saved'));
      onDone();
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('roster.assign')} · ${shift.siteName} ${time(shift.startsAt)}–${time(shift.endsAt)}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'assign-submit' }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('roster.assignUser')} htmlFor="assign-user">
          <UserSelect id="assign-user" value={userId} onChange={setUserId} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('roster.assignName')} htmlFor="assign-name">
          <Input
            id="assign-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={50}
            disabled={!!userId}
            onPressEnter={() => void submit()}
            data-testid="assign-name"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
