import { Button, Card, Descriptions, Input, Popconfirm, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { HoursEntry, TaskDetail } from '../../../shared/volunteer-tasks';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { STATUS_COLOURS } from './TasksPage';
import { HoursDecisionButtons } from './HoursDecisionButtons';
import { hoursText, volunteerTasksApi } from './volunteerTasksApi';

/**
 * One task, the volunteer leader's view: its persons with a check-in / check-out button each, every
 * check-in with its minutes (flagged when the 12-hour rule closed it) to approve or refuse, and the
 * task marked done with a note and a photo.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const detail = useDetail<TaskDetail>(id, volunteerTasksApi.task);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const back = <Link to="/volunteer-tasks">{t('vtasks.back')}</Link>;
  if (!detail.data) return <DetailStatus detail={detail} back={back} />;
  const { task, assignees, hours } = detail.data;
  const closed = task.status === 'done' || task.status === 'cancelled';
  const openOf = (personId: string) => hours.find((h) => h.personId === personId && h.status === 'open');

  const act = async (action: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await action();
      if (done) feedback.success(done);
      detail.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={task.title} extra={back}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('vtasks.kind')}>{t(`vtasks.kind.${task.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('vtasks.status')}>
            <Tag color={STATUS_COLOURS[task.status]} data-testid="vtask-status">
              {t(`vtasks.status.${task.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('vtasks.place')}>{`${task.regionName ?? ''} ${task.place}`}</Descriptions.Item>
          <Descriptions.Item label={t('vtasks.window')}>
            {`${formatTime(task.startsAt, locale)} – ${formatTime(task.endsAt, locale)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('vtasks.assignee')}>
            {`${t(`vtasks.assigneeKind.${task.assigneeKind}`)}：${task.assigneeName ?? '—'}`}
          </Descriptions.Item>
          {task.note && <Descriptions.Item label={t('vtasks.note')}>{task.note}</Descriptions.Item>}
          {task.doneNote && <Descriptions.Item label={t('vtasks.doneNote')}>{task.doneNote}</Descriptions.Item>}
          {task.cancelReason && (
            <Descriptions.Item label={t('vtasks.cancelReason')}>{task.cancelReason}</Descriptions.Item>
          )}
        </Descriptions>
        {task.hasPhoto && (
          <img
            src={`/api/volunteer-tasks/${task.id}/photo?v=${encodeURIComponent(task.doneAt ?? '')}`}
            alt={t('vtasks.photo')}
            style={{ maxWidth: 320, maxHeight: 240, marginTop: 8 }}
            data-testid="vtask-photo"
          />
        )}
        {!closed && (
          <Space wrap style={{ marginTop: 12 }}>
            <Input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              placeholder={t('vtasks.doneNotePlaceholder')}
              style={{ minWidth: 260 }}
              data-testid="vtask-done-note"
            />
            <Button
              type="primary"
              disabled={!note.trim()}
              loading={busy}
              onClick={() => act(() => volunteerTasksApi.done(id, note.trim()), t('vtasks.doneSaved'))}
              data-testid="vtask-done"
            >
              {t('vtasks.markDone')}
            </Button>
            <Popconfirm
              title={t('vtasks.cancelConfirm')}
              onConfirm={() => act(() => volunteerTasksApi.cancel(id, null), t('vtasks.cancelled'))}
            >
              <Button danger disabled={busy}>
                {t('vtasks.cancel')}
              </Button>
            </Popconfirm>
          </Space>
        )}
        {task.status === 'done' && (
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            beforeUpload={(file) => {
              void act(() => volunteerTasksApi.photo(id, file), t('vtasks.photoSaved'));
              return false;
            }}
          >
            <Button style={{ marginTop: 12 }} disabled={busy} data-testid="vtask-photo-upload">
              {task.hasPhoto ? t('vtasks.photoReplace') : t('vtasks.photoAdd')}
            </Button>
          </Upload>
        )}
      </Card>
      <Card title={t('vtasks.persons')}>
        <Table
          rowKey="personId"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={assignees}
          columns={[
            { title: t('vtasks.name'), dataIndex: 'name' },
            { title: t('vtasks.idNumber'), render: (_, a) => a.idNumber ?? '—' },
            { title: t('vtasks.phone'), render: (_, a) => a.phone ?? '—' },
            {
              title: t('vtasks.attendance'),
              render: (_, a) => {
                const open = openOf(a.personId);
                return open ? (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => act(() => volunteerTasksApi.checkOut(open.id), t('vtasks.checkedOut'))}
                    data-testid={`vtask-checkout-${a.name}`}
                  >
                    {t('vtasks.checkOut')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    disabled={busy || closed}
                    onClick={() => act(() => volunteerTasksApi.checkIn(id, a.personId), t('vtasks.checkedIn'))}
                    data-testid={`vtask-checkin-${a.name}`}
                  >
                    {t('vtasks.checkIn')}
                  </Button>
                );
              },
            },
          ]}
        />
      </Card>
      <Card title={t('vtasks.hours')}>
        <HoursTable hours={hours} onChanged={detail.reload} />
      </Card>
    </Space>
  );
}

/** Check-ins with their minutes and state; pending ones can be approved or refused with a reason. */
export function HoursTable({ hours, onChanged }: { hours: HoursEntry[]; onChanged: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Table<HoursEntry>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={hours}
      locale={{ emptyText: t('vtasks.noHours') }}
      columns={[
        { title: t('vtasks.name'), dataIndex: 'name' },
        { title: t('vtasks.kind'), render: (_, h) => h.taskTitle ?? t(`vtasks.kind.${h.kind}`) },
        { title: t('vtasks.checkInAt'), render: (_, h) => formatTime(h.checkInAt, locale) },
        { title: t('vtasks.checkOutAt'), render: (_, h) => formatTime(h.checkOutAt, locale) },
        { title: t('vtasks.duration'), render: (_, h) => (h.status === 'open' ? '—' : hoursText(h.minutes, locale)) },
        {
          title: t('vtasks.hoursStatus'),
          render: (_, h) => (
            <Space size={4} wrap>
              <Tag data-testid={`hours-status-${h.name}`}>{t(`vtasks.hoursStatus.${h.status}`)}</Tag>
              {h.autoClosed && <Tag color="red">{t('vtasks.autoClosed')}</Tag>}
              {h.refusalReason && <span>{h.refusalReason}</span>}
            </Space>
          ),
        },
        {
          title: '',
          render: (_, h) => (h.status === 'pending' ? <HoursDecisionButtons entry={h} onDone={onChanged} /> : null),
        },
      ]}
    />
  );
}
