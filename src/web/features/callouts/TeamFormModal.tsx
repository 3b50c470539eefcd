import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Team } from '../../../shared/callouts';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { calloutsApi, SKILL_LIST, TEAM_KINDS } from './calloutsApi';

interface Values {
  name: string;
  kind: Team['kind'];
  regionId: string | null;
  skills: Team['skills'];
  note?: string;
}

/** 新建队伍: a commando team, volunteer team or emergency group based in a region of my jurisdiction. */
export function TeamFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (team: Team) => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('callouts.required') }];
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const team = await calloutsApi.createTeam({
        name: v.name.trim(),
        kind: v.kind,
        regionId: v.regionId!,
        skills: v.skills,
        note: v.note?.trim() || null,
      });
      feedback.success(t('callouts.created'));
      onSaved(team);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('callouts.newTeam')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'team-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'commando', regionId: me.region?.id ?? null, skills: [] }}
      >
        <Form.Item name="name" label={t('callouts.teamName')} rules={required}>
          <Input maxLength={100} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('callouts.kind')} rules={required}>
          <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`callouts.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="regionId" label={t('callouts.base')} rules={required}>
          <RegionPicker valueLabel={me.region?.name} />
        </Form.Item>
        <Form.Item name="skills" label={t('callouts.skills')}>
          <Select mode="multiple" options={SKILL_LIST.map((s) => ({ value: s, label: t(`callouts.skill.${s}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('callouts.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
