import { ArrowLeftOutlined, CheckOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { DispatchItem } from '../../../shared/dispatch';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { UserSelect } from '../users/UserSelect';
import { DispatchProgress } from './DispatchesPage';
import { dispatchApi, KIND_COLORS, KIND_ORDER } from './dispatchApi';

interface AssignValues {
  who: 'user' | 'name';
  assigneeUserId?: string | null;
  assigneeName?: string;
  dueAt: Dayjs;
}

/** Hand a line to a user of my jurisdiction or a person named in words, by a time. */
function AssignModal({
  item,
  onClose,
  onSaved,
}: {
  item: DispatchItem;
  onClose: () => void;
  onSaved: (item: DispatchItem) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<AssignValues>();
  const [busy, setBusy] = useState(false);
  const who = Form.useWatch('who', form) ?? (item.assigneeUserId || !item.assigneeName ? 'user' : 'name');
  const submit = async (v: AssignValues) => {
    setBusy(true);
    try {
      onSaved(
        await dispatchApi.assign(item.id, {
          ...(v.who === 'user' ? { assigneeUserId: v.assigneeUserId ?? undefined } : { assigneeName: v.assigneeName }),
          dueAt: v.dueAt.toISOString(),
        }),
      );
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dispatch.assign')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{item.title}</Typography.Paragraph>
      <Form<AssignValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          who,
          assigneeUserId: item.assigneeUserId,
          assigneeName: item.assigneeUserId ? undefined : (item.assigneeName ?? undefined),
          dueAt: item.dueAt ? dayjs(item.dueAt) : dayjs().add(2, 'hour').startOf('hour'),
        }}
      >
        <Form.Item name="who">
          <Radio.Group
            options={[
              { value: 'user', label: t('dispatch.assignUser') },
              { value: 'name', label: t('dispatch.assignName') },
            ]}
          />
        </Form.Item>
        {who === 'user' ? (
          <Form.Item
            name="assigneeUserId"
            label={t('dispatch.assignee')}
            rules={[{ required: true, message: t('dispatch.assigneeRequired') }]}
          >
            <UserSelect valueLabel={item.assigneeName} />
          </Form.Item>
        ) : (
          <Form.Item
            name="assigneeName"
            label={t('dispatch.assignee')}
            rules={[{ required: true, whitespace: true, message: t('dispatch.assigneeRequired') }]}
          >
            <Input maxLength={50} data-testid="dispatch-assignee-name" />
          </Form.Item>
        )}
        <Form.Item name="dueAt" label={t('dispatch.dueAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            style={{ width: '100%' }}
            data-testid="dispatch-due-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Mark a line done with a note of what was done. */
function DoneModal({
  item,
  onClose,
  onSaved,
}: {
  item: DispatchItem;
  onClose: () => void;
  onSaved: (item: DispatchItem) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      onSaved(await dispatchApi.done(item.id, { note: note.trim() || undefined }));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dispatch.markDone')}
      okText={t('dispatch.markDone')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{item.title}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('dispatch.doneNote')}
        data-testid="dispatch-done-note"
      />
    </Modal>
  );
}

/** One dispatch sheet: its lines grouped by kind, each with its assignee, due time and state, and progress. */
export default function DispatchSheetPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const detail = useDetail(id, dispatchApi.sheet);
  const { data: sheet, setData: setSheet } = detail;
  const [assigning, setAssigning] = useState<DispatchItem | null>(null);
  const [completing, setCompleting] = useState<DispatchItem | null>(null);

  const replace = useCallback(
    (item: DispatchItem) => {
      setSheet((s) => {
        if (!s) return s;
        const items = s.items.map((i) => (i.id === item.id ? item : i));
        return { ...s, items, done: items.filter((i) => i.status === 'done').length };
      });
      setAssigning(null);
      setCompleting(null);
      feedback.success(t('common.saved'));
    },
    [setSheet, feedback, t],
  );

  if (!sheet)
    return (
      <DetailStatus
        detail={detail}
        back={
          <Link to="/dispatch">
            <Button>{t('dispatch.back')}</Button>
          </Link>
        }
      />
    );

  const line = (i: DispatchItem) => (
    <List.Item
      data-testid={`dispatch-item-${i.id}`}
      data-status={i.status}
      actions={
        i.status === 'open'
          ? [
              <Button
                key="assign"
                size="small"
                icon={<UserAddOutlined />}
                onClick={() => setAssigning(i)}
                data-testid={`dispatch-assign-${i.id}`}
              >
                {t('dispatch.assign')}
              </Button>,
              <Button
                key="done"
                size="small"
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setCompleting(i)}
                data-testid={`dispatch-done-${i.id}`}
              >
                {t('dispatch.markDone')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={<Typography.Text delete={i.status === 'done'}>{i.title}</Typography.Text>}
        description={
          <Space size={6} wrap>
            {i.status === 'done' ? (
              <Tag color="success">{t('dispatch.status.done')}</Tag>
            ) : i.overdue ? (
              <Tag color="error">{t('dispatch.overdue')}</Tag>
            ) : (
              <Tag>{t('dispatch.status.open')}</Tag>
            )}
            <span>
              {t('dispatch.assignee')}：{i.assigneeName ?? t('dispatch.unassigned')}
            </span>
            {i.dueAt && (
              <span>
                {t('dispatch.dueAt')}：{formatTime(i.dueAt, locale)}
              </span>
            )}
            {i.doneAt && (
              <span>
                {t('dispatch.doneAt')}：{formatTime(i.doneAt, locale)}
              </span>
            )}
            {i.doneNote && <span>{i.doneNote}</span>}
          </Space>
        }
      />
    </List.Item>
  );

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={
        <Space>
          <Link to="/dispatch">
            <ArrowLeftOutlined />
          </Link>
          {`${sheet.day} ${t(`dispatch.slot.${sheet.slot}`)}`}
        </Space>
      }
      extra={<DispatchProgress sheet={sheet} />}
    >
      <Descriptions size="small" column={mobile ? 1 : 3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('dispatch.region')}>
          {sheet.regionName ?? t('dispatch.allRegions')}
        </Descriptions.Item>
        <Descriptions.Item label={t('dispatch.since')}>{formatTime(sheet.since, locale)}</Descriptions.Item>
        <Descriptions.Item
          label={t('dispatch.drawnAt')}
        >{`${formatTime(sheet.drawnAt, locale)} · ${sheet.drawnByName ?? '—'}`}</Descriptions.Item>
      </Descriptions>
      {sheet.items.length === 0 && <Result status="success" title={t('dispatch.empty')} />}
      {KIND_ORDER.map((kind) => {
        const items = sheet.items.filter((i) => i.kind === kind);
        if (items.length === 0) return null;
        const done = items.filter((i) => i.status === 'done').length;
        return (
          <div key={kind} data-testid={`dispatch-group-${kind}`} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>
              <Tag color={KIND_COLORS[kind]}>{t(`dispatch.kind.${kind}`)}</Tag>
              <Typography.Text type="secondary">{`${done}/${items.length}`}</Typography.Text>
            </Typography.Title>
            <List<DispatchItem> size="small" bordered dataSource={items} renderItem={line} />
          </div>
        );
      })}
      {assigning && <AssignModal item={assigning} onClose={() => setAssigning(null)} onSaved={replace} />}
      {completing && <DoneModal item={completing} onClose={() => setCompleting(null)} onSaved={replace} />}
    </Card>
  );
}
