import { MergeCellsOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Person } from '../../../shared/residents';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PersonTags } from './PersonTags';
import { personApi, type MergeResult } from './residentApi';

/**
 * 可能重复: records that look like this person (same name and birth date or phone). A human who
 * knows they are one person merges the duplicate into this record; the merge is audited and can be
 * undone right here ("撤销合并").
 */
export function PersonDuplicates({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const feedback = useFeedback();
  const [items, setItems] = useState<Person[] | null>(null);
  const [lastMerge, setLastMerge] = useState<{ result: MergeResult; name: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    personApi
      .duplicates(person.id)
      .then(setItems)
      .catch((err: unknown) => {
        feedback.error(err);
        setItems([]);
      });
  }, [person.id, feedback]);

  useEffect(load, [load]);

  const merge = (duplicate: Person) =>
    modal.confirm({
      title: t('dup.mergeTitle', { name: duplicate.name }),
      content: t('dup.mergeBody'),
      okText: t('dup.merge'),
      okButtonProps: { 'data-testid': 'dup-merge-ok' },
      onOk: async () => {
        try {
          const result = await personApi.merge(person.id, duplicate.id);
          setLastMerge({ result, name: duplicate.name });
          feedback.success(t('dup.merged'));
          load();
          onChanged();
        } catch (err) {
          feedback.error(err);
        }
      },
    });

  const undo = async () => {
    if (!lastMerge) return;
    setBusy(true);
    try {
      await personApi.undoMerge(lastMerge.result.id);
      setLastMerge(null);
      feedback.success(t('dup.undone'));
      load();
      onChanged();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="person-duplicates-panel">
      {lastMerge && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('dup.mergedName', { name: lastMerge.name })}
          action={
            <Button size="small" icon={<UndoOutlined />} loading={busy} onClick={undo} data-testid="dup-undo">
              {t('dup.undo')}
            </Button>
          }
        />
      )}
      {items === null ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dup.none')} />
      ) : (
        items.map((p) => (
          <div
            key={p.id}
            data-testid={`dup-${p.id}`}
            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 10px', marginBottom: 8 }}
          >
            <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {[p.sex ? t(`sex.${p.sex}`) : null, p.birthDate, p.idNumber, p.phone, p.regionName]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              </span>
              <Button
                size="small"
                icon={<MergeCellsOutlined />}
                onClick={() => merge(p)}
                data-testid={`dup-merge-${p.id}`}
              >
                {t('dup.merge')}
              </Button>
            </Space>
            <PersonTags tags={p.tags} />
          </div>
        ))
      )}
    </div>
  );
}
