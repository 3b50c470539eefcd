import { Alert, App, Button, Modal, Radio, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Episode, ObserverAssignmentResult } from '../../../shared/isolation';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { isolationApi, placeOf } from './isolationApi';
import { ObserverSelect } from './pickers';

/**
 * 无观察员: active episodes nobody observes (from before every episode had one, or an observer who
 * left), shown to those who isolate with one action to give them observers — each the default
 * (包保 of the grid or village) or one named for all.
 */
export function UnobservedPanel({ refreshKey, onChanged }: { refreshKey: number; onChanged: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [items, setItems] = useState<Episode[]>([]);
  /** the episodes the dialog was opened on (the list behind it reloads) */
  const [open, setOpen] = useState<Episode[] | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await isolationApi.episodes({ unobserved: 'true', limit: 500 })).items);
    } catch (err) {
      feedback.error(err);
    }
  }, [feedback]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    if (can.isolate(me.role)) void load();
  }, [load, refreshKey, me.role]);

  // the dialog stays open on its result after the list has emptied
  if (!can.isolate(me.role) || (items.length === 0 && !open)) return null;
  return (
    <>
      {items.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="unobserved-alert"
          title={t('isolation.unobserved', { n: items.length })}
          action={
            <Button size="small" type="primary" onClick={() => setOpen(items)} data-testid="unobserved-assign">
              {t('isolation.assignObservers')}
            </Button>
          }
        />
      )}
      {open && (
        <AssignObserversModal
          episodes={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            void load();
            onChanged();
          }}
        />
      )}
    </>
  );
}

function AssignObserversModal({
  episodes,
  onClose,
  onDone,
}: {
  episodes: Episode[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>(episodes.map((e) => e.id));
  const [how, setHow] = useState<'default' | 'named'>('default');
  const [observerId, setObserverId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<ObserverAssignmentResult | null>(null);
  const nameOf = (episodeId: string) => episodes.find((e) => e.id === episodeId)?.personName ?? episodeId;

  const submit = async () => {
    if (how === 'named' && !observerId) return void message.warning(t('isolation.observerPlaceholder'));
    setSaving(true);
    try {
      setResult(
        await isolationApi.assignObservers({
          episodeIds: selected,
          observerId: how === 'named' ? observerId! : undefined,
        }),
      );
      onDone();
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    return (
      <Modal
        open
        title={t('isolation.assignObservers')}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        }
      >
        <Typography.Paragraph data-testid="assign-result">
          {t('isolation.assignResult', { changed: result.changed.length, skipped: result.skipped.length })}
        </Typography.Paragraph>
        {result.changed.map((c) => (
          <div key={c.episodeId}>
            {nameOf(c.episodeId)} → {c.observerName}
          </div>
        ))}
        {result.skipped.map((s) => (
          <div key={s.episodeId}>
            {nameOf(s.episodeId)}：
            <Typography.Text type="warning">{locale === 'en' ? s.code : s.message}</Typography.Text>
          </div>
        ))}
      </Modal>
    );
  }
  return (
    <Modal
      open
      title={t('isolation.assignObservers')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ disabled: selected.length === 0, 'data-testid': 'assign-submit' }}
      confirmLoading={saving}
      width={640}
    >
      <Radio.Group
        value={how}
        onChange={(e) => setHow(e.target.value as 'default' | 'named')}
        style={{ marginBottom: 12 }}
        data-testid="assign-how"
      >
        <Radio value="default">{t('isolation.assignDefault')}</Radio>
        <Radio value="named">{t('isolation.assignNamed')}</Radio>
      </Radio.Group>
      {how === 'named' && (
        <div style={{ marginBottom: 12 }}>
          <ObserverSelect value={observerId} onChange={setObserverId} />
        </div>
      )}
      <Table<Episode>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ y: 320 }}
        dataSource={episodes}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        columns={[
          { title: t('isolation.person'), dataIndex: 'personName', width: 110 },
          { title: t('isolation.place'), key: 'place', render: (_, row) => placeOf(row) },
          {
            title: t('isolation.period'),
            key: 'period',
            width: 190,
            render: (_, row) => `${row.startDay} ~ ${row.plannedEndDay}`,
          },
        ]}
      />
    </Modal>
  );
}
