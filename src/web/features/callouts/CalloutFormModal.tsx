import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { Callout, CalloutCandidate, Skill, Team } from '../../../shared/callouts';
import { fetchAll } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { calloutsApi, SKILL_LIST } from './calloutsApi';

interface Values {
  teamId: string | null;
  skill: Skill | null;
  skillRegionId: string | null;
  meetingPoint: string;
  regionId: string | null;
  deadlineMinutes: number;
}

/**
 * 下达集结令: pick a team, or "everyone with skill X in region Y"; see who will be called — anyone on
 * a checkpoint shift right now or on another open call-out is marked with where, and left out
 * unless ticked — the meeting point and the deadline, 15 minutes by default.
 */
export function CalloutFormModal({
  onClose,
  onIssued,
  teamId: presetTeam,
}: {
  onClose: () => void;
  onIssued: (c: Callout) => void;
  teamId?: string;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string | null>(presetTeam ?? null);
  const [mode, setMode] = useState<'team' | 'skill'>('team');
  const skill = Form.useWatch('skill', form) ?? null;
  const skillRegionId = Form.useWatch('skillRegionId', form) ?? null;
  const [candidates, setCandidates] = useState<CalloutCandidate[]>([]);
  const [picked, setPicked] = useState<string[]>([]);

  useEffect(() => {
    fetchAll<Team>('/callouts/teams', {}).then(setTeams, feedback.error);
  }, [feedback.error]);
  useEffect(() => {
    const target = mode === 'team' ? teamId && { teamId } : skill && skillRegionId && { skill, skillRegionId };
    if (!target) return setCandidates([]);
    calloutsApi.preview(target).then((c) => {
      setCandidates(c);
      setPicked(c.filter((x) => !x.busy).map((x) => x.personId));
    }, feedback.error);
  }, [mode, teamId, skill, skillRegionId, feedback.error]);
  const busyText = (c: CalloutCandidate) =>
    c.busyAt?.kind === 'duty'
      ? t('callouts.busyDuty', {
          place: c.busyAt.place,
          until: c.busyAt.until ? formatTime(c.busyAt.until, locale) : '',
        })
      : c.busyAt
        ? t('callouts.busyCallout', { place: c.busyAt.place })
        : t('callouts.busy');

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    if (!picked.length) return feedback.error(new Error(t('callouts.nobody')));
    setSaving(true);
    try {
      const c = await calloutsApi.issue({
        ...(mode === 'team' ? { teamId: v.teamId! } : { skill: v.skill!, skillRegionId: v.skillRegionId! }),
        personIds: picked,
        includeBusy: candidates.some((c) => c.busy && picked.includes(c.personId)),
        meetingPoint: v.meetingPoint.trim(),
        regionId: v.regionId ?? (mode === 'skill' ? (v.skillRegionId ?? undefined) : undefined),
        deadlineMinutes: v.deadlineMinutes,
      });
      feedback.success(t('callouts.issued'));
      onIssued(c);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId', TEAM_NOT_FOUND: 'teamId' });
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('callouts.required') }];
  return (
    <Modal
      open
      title={t('callouts.newCallout')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('callouts.newCallout')}
      okButtonProps={{ danger: true, 'data-testid': 'callout-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ teamId: presetTeam ?? null, deadlineMinutes: 15 }}>
        {!presetTeam && (
          <Form.Item label={t('callouts.target')}>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value)}
              optionType="button"
              data-testid="callout-target-mode"
              options={[
                { value: 'team', label: t('callouts.targetTeam') },
                { value: 'skill', label: t('callouts.targetSkill') },
              ]}
            />
          </Form.Item>
        )}
        {mode === 'team' ? (
          <Form.Item name="teamId" label={t('callouts.team')} rules={required}>
            <Select
              data-testid="callout-team"
              options={teams.map((x) => ({ value: x.id, label: `${x.name}（${x.members}）` }))}
              onChange={(v: string) => setTeamId(v)}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="skill" label={t('callouts.skills')} rules={required}>
              <Select
                data-testid="callout-skill"
                options={SKILL_LIST.map((x) => ({ value: x, label: t(`callouts.skill.${x}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="skillRegionId"
              label={t('callouts.skillRegion')}
              extra={t('callouts.skillRegionHint')}
              rules={required}
            >
              <RegionPicker />
            </Form.Item>
          </>
        )}
        {candidates.length > 0 && (
          <Form.Item label={t('callouts.pickMembers')}>
            {candidates.some((c) => c.busy) && (
              <Alert type="warning" showIcon message={t('callouts.busyHint')} style={{ marginBottom: 8 }} />
            )}
            <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} data-testid="callout-picked">
              {candidates.map((c) => (
                <Checkbox key={c.personId} value={c.personId}>
                  {c.name}
                  {c.role === 'leader' && <Tag style={{ marginLeft: 4 }}>{t('callouts.role.leader')}</Tag>}
                  {c.busy && <Tag color="orange">{busyText(c)}</Tag>}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
        <Form.Item name="meetingPoint" label={t('callouts.meetingPoint')} rules={required}>
          <Input maxLength={200} data-testid="callout-meeting-point" />
        </Form.Item>
        <Form.Item name="regionId" label={t('callouts.meetingRegion')} extra={t('callouts.meetingRegionHint')}>
          <RegionPicker />
        </Form.Item>
        <Form.Item
          name="deadlineMinutes"
          label={t('callouts.deadlineMinutes')}
          extra={t('callouts.deadlineHint')}
          rules={required}
        >
          <InputNumber min={1} max={1440} inputMode="numeric" data-testid="callout-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
