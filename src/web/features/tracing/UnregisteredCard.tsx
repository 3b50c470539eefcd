import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import type { UnregisteredOccupant } from '../../../shared/tracing';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { tracingApi } from './tracingApi';

/** One traveller's checkpoint records: the same name and phone at each checkpoint they passed. */
function travellers(rows: UnregisteredOccupant[]) {
  const byKey = new Map<string, UnregisteredOccupant[]>();
  for (const r of rows)
    byKey.set(`${r.name}|${r.phone ?? ''}`, [...(byKey.get(`${r.name}|${r.phone ?? ''}`) ?? []), r]);
  return [...byKey.values()];
}

/**
 * Known to have been there, not on the found list: occupants of the notice's passages whom the
 * registry does not know (a checkpoint took only their name). A tracer registers each in one
 * click (all their checkpoint records at once); the found list then takes them in.
 */
export function UnregisteredCard({
  rows,
  mayRegister,
  onRegistered,
}: {
  rows: UnregisteredOccupant[];
  mayRegister: boolean;
  onRegistered: () => Promise<void> | void;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [busy, setBusy] = useState<string | null>(null);
  if (!rows.length) return null;
  const register = async (records: UnregisteredOccupant[]) => {
    setBusy(records[0]!.passageId + records[0]!.seq);
    try {
      await tracingApi.registerOccupant(records.map((r) => ({ passageId: r.passageId, seq: r.seq })));
      feedback.success(t('tracing.registeredOne', { name: records[0]!.name }));
      await onRegistered();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };
  const list = travellers(rows);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('tracing.unregisteredTitle', { n: list.length })}
      data-testid="notice-unregistered"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('tracing.unregisteredNoticeHint')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={list}
        renderItem={(records) => (
          <List.Item
            data-testid={`unregistered-${records[0]!.name}`}
            actions={
              mayRegister
                ? [
                    <Button
                      key="register"
                      size="small"
                      icon={<UserAddOutlined />}
                      loading={busy === records[0]!.passageId + records[0]!.seq}
                      onClick={() => void register(records)}
                    >
                      {t('tracing.registerOne')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <>
                  {records[0]!.name}
                  {records[0]!.phone && (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {records[0]!.phone}
                    </Typography.Text>
                  )}
                </>
              }
              description={records.map((r) => `${r.siteName} ${formatTime(r.at, locale)}`).join('；')}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
