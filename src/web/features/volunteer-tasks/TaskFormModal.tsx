import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Team } from '../../../shared/callouts';
import type { Person } from '../../../shared/residents';
import { TASK_KINDS, type Task } from '../../../shared/volunteer-tasks';
import type { VolunteerGroup } from '../../../shared/volunteers';
import { useMe } from '../../app/auth';
import { can } from '../../app/permissions';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { TaskLinkFields } from './TaskLinkFields';
import { volunteerTasksApi } from './volunteerTasksApi';

interface Values {
  kind: Task['kind'];
  title: string;
  regionId: string | null;
  place: string;
  window: [Dayjs, Dayjs];
  assigneeKind: 'person' | 'group' | 'team';
  personId?: string;
  groupId?: string;
  teamId?: string;
  gatheringId?: string;
  necessityId?: string;
  siteId?: string;
  shiftId?: string;
  note?: string;
}

/**
 * 派发任务: a task of a kind, in a place of the jurisdiction and a time window, for a person picked from
 * the registry, a volunteer group (3–5 under a leader) or a team (their members become the task's
 * persons), linked to what it serves (a gathering, a necessity request, a checkpoint shift). Every
 * picker searches the user's own jurisdiction; teams are offered to those who keep them.
 */
export function TaskFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (task: Task) => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const assigneeKind = Form.useWatch('assigneeKind', form) ?? 'person';
  const kind: Task['kind'] = Form.useWatch('kind', form) ?? 'posters';
  const assigneeKinds = can.callOut(me.role) ? (['person', 'group', 'team'] as const) : (['person', 'group'] as const);
  const required = [{ required: true, message: t('vtasks.required') }];
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const task = await volunteerTasksApi.create({
        kind: v.kind,
        title: v.title.trim(),
        regionId: v.regionId!,
        place: v.place.trim(),
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        assignee:
          v.assigneeKind === 'team'
            ? { teamId: v.teamId! }
            : v.assigneeKind === 'group'
              ? { groupId: v.groupId! }
              : { personId: v.personId! },
        note: v.note?.trim() || null,
        gatheringId: v.kind === 'dissuade_gathering' ? (v.gatheringId ?? null) : null,
        necessityId: v.kind === 'errands' ? (v.necessityId ?? null) : null,
        siteId: v.kind === 'checkpoint_duty' ? (v.siteId ?? null) : null,
        shiftId: v.kind === 'checkpoint_duty' ? (v.shiftId ?? null) : null,
      });
      feedback.success(t('vtasks.created'));
      onSaved(task);
    } catch (err) {
      feedback.formError(form, err, {
        REGION_NOT_FOUND: 'regionId',
        TEAM_NOT_FOUND: 'teamId',
        PERSON_NOT_FOUND: 'personId',
        VOLUNTEER_GROUP_NOT_FOUND: 'groupId',
        GATHERING_NOT_FOUND: 'gatheringId',
        NECESSITY_NOT_FOUND: 'necessityId',
        SITE_NOT_FOUND: 'siteId',
        SHIFT_NOT_FOUND: 'shiftId',
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('vtasks.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'vtask-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'posters',
          regionId: me.region?.id ?? null,
          assigneeKind: 'person',
          // from the next full hour, for four hours: the usual half-day task
          window: [dayjs().add(1, 'hour').startOf('hour'), dayjs().add(5, 'hour').startOf('hour')],
        }}
      >
        <Form.Item name="kind" label={t('vtasks.kind')} rules={required}>
          <Select
            options={TASK_KINDS.map((k) => ({ value: k, label: t(`vtasks.kind.${k}`) }))}
            data-testid="vtask-kind"
          />
        </Form.Item>
        <Form.Item name="title" label={t('vtasks.taskTitle')} rules={required}>
          <Input maxLength={100} data-testid="vtask-title" />
        </Form.Item>
        <Form.Item name="regionId" label={t('vtasks.region')} rules={required}>
          <RegionPicker valueLabel={me.region?.name} />
        </Form.Item>
        <Form.Item name="place" label={t('vtasks.place')} rules={required}>
          <Input maxLength={200} data-testid="vtask-place" />
        </Form.Item>
        <Form.Item name="window" label={t('vtasks.window')} rules={required}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            inputReadOnly
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="assigneeKind" label={t('vtasks.assignee')}>
          <Radio.Group
            options={assigneeKinds.map((k) => ({ value: k, label: t(`vtasks.assigneeKind.${k}`) }))}
            data-testid="vtask-assignee-kind"
          />
        </Form.Item>
        {assigneeKind === 'group' ? (
          <Form.Item name="groupId" label={t('vtasks.assigneeKind.group')} rules={required}>
            <RemoteSelect<VolunteerGroup>
              path="/volunteer-groups"
              query={{ status: 'active' }}
              toOption={(g) => ({ value: g.id, label: `${g.name}（${g.leaderName ?? '—'} · ${g.size}）` })}
              placeholder={t('vtasks.groupPlaceholder')}
              popupMatchSelectWidth={false}
              data-testid="vtask-group"
            />
          </Form.Item>
        ) : assigneeKind === 'team' ? (
          <Form.Item name="teamId" label={t('vtasks.assigneeKind.team')} rules={required}>
            <RemoteSelect<Team>
              path="/callouts/teams"
              toOption={(team) => ({ value: team.id, label: team.name })}
              placeholder={t('vtasks.teamPlaceholder')}
              data-testid="vtask-team"
            />
          </Form.Item>
        ) : (
          <Form.Item name="personId" label={t('vtasks.assigneeKind.person')} rules={required}>
            <RemoteSelect<Person>
              path="/persons"
              toOption={(p) => ({ value: p.id, label: `${p.name}（${p.idNumber ?? p.phone ?? p.regionName ?? ''}）` })}
              placeholder={t('vtasks.personPlaceholder')}
              popupMatchSelectWidth={false}
              data-testid="vtask-person"
            />
          </Form.Item>
        )}
        <TaskLinkFields kind={kind} form={form} />
        <Form.Item name="note" label={t('vtasks.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
