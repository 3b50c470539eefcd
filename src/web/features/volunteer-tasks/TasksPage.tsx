import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { TASK_KINDS, type Task, type TaskStatus } from '../../../shared/volunteer-tasks';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { TaskFormModal } from './TaskFormModal';

export const STATUS_COLOURS: Record<TaskStatus, string> = {
  open: 'blue',
  in_progress: 'orange',
  done: 'green',
  cancelled: 'default',
};

/**
 * 志愿服务任务: the township's task board — every task of the jurisdiction, newest first, by status
 * and kind; a team's or group's tasks only when opened from it (?teamId= / ?groupId=, the leader's view).
 */
export default function TasksPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<TaskStatus | 'all'>('all');
  const [kind, setKind] = useState<Task['kind'] | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const tasks = usePaged<Task>(
    '/volunteer-tasks',
    {
      status: status === 'all' ? undefined : status,
      kind: kind === 'all' ? undefined : kind,
      teamId: params.get('teamId') ?? undefined,
      groupId: params.get('groupId') ?? undefined,
    },
    feedback.error,
  );

  return (
    <Card
      title={t('vtasks.title')}
      extra={
        <Space wrap>
          <Link to="/volunteer-hours">{t('vtasks.hoursLink')}</Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="vtask-new">
            {t('vtasks.new')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<TaskStatus | 'all'>
          value={status}
          onChange={setStatus}
          options={(['all', 'open', 'in_progress', 'done', 'cancelled'] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('vtasks.all') : t(`vtasks.status.${s}`),
          }))}
        />
        <Segmented<Task['kind'] | 'all'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: t('vtasks.all') },
            ...TASK_KINDS.map((k) => ({ value: k, label: t(`vtasks.kind.${k}`) })),
          ]}
          style={{ maxWidth: '100%', overflowX: 'auto' }}
        />
        <PagedTable<Task>
          list={tasks}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('vtasks.none') }}
          columns={[
            {
              title: t('vtasks.taskTitle'),
              render: (_, task) => (
                <Link to={`/volunteer-tasks/${task.id}`} data-testid={`vtask-link-${task.id}`}>
                  {task.title}
                </Link>
              ),
            },
            { title: t('vtasks.kind'), render: (_, task) => t(`vtasks.kind.${task.kind}`) },
            { title: t('vtasks.place'), render: (_, task) => `${task.regionName ?? ''} ${task.place}` },
            {
              title: t('vtasks.window'),
              render: (_, task) => `${formatTime(task.startsAt, locale)} – ${formatTime(task.endsAt, locale)}`,
            },
            {
              title: t('vtasks.assignee'),
              render: (_, task) =>
                `${t(`vtasks.assigneeKind.${task.assigneeKind}`)}：${task.assigneeName ?? '—'}（${task.persons}）`,
            },
            {
              title: t('vtasks.status'),
              render: (_, task) => <Tag color={STATUS_COLOURS[task.status]}>{t(`vtasks.status.${task.status}`)}</Tag>,
            },
          ]}
        />
      </Space>
      {creating && (
        <TaskFormModal onClose={() => setCreating(false)} onSaved={(task) => navigate(`/volunteer-tasks/${task.id}`)} />
      )}
    </Card>
  );
}
