import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Round } from '../../../shared/screening';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { RoundOpenModal } from './RoundOpenModal';
import { RoundView } from './RoundView';
import { screeningApi } from './screeningApi';

/**
 * 入户排查: the screening rounds of the jurisdiction. Pick one (`?round=<id>`) to see its coverage
 * down the tree, the households not yet visited, and each worker's progress; townships and up open
 * and close rounds.
 */
export default function ScreeningPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [opening, setOpening] = useState(false);
  const mayOpen = can.openRounds(me.role);

  const load = useCallback(() => {
    screeningApi
      .rounds()
      .then(setRounds)
      .catch((err: unknown) => {
        feedback.error(err);
        setRounds([]);
      });
  }, [feedback]);
  useEffect(load, [load]);

  const wanted = params.get('round');
  const round = rounds?.find((r) => r.id === wanted) ?? rounds?.find((r) => r.status === 'open') ?? rounds?.[0] ?? null;
  const choose = (id: string) => setParams({ round: id }, { replace: true });

  const close = async () => {
    if (!round) return;
    try {
      await screeningApi.close(round.id);
      feedback.success(t('screening.closed'));
      load();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space orientation="vertical" size={mobile ? 8 : 16} style={{ width: '100%' }}>
      <Card
        size={mobile ? 'small' : undefined}
        title={t('screening.title')}
        extra={
          mayOpen && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="round-open">
              {mobile ? null : t('screening.open')}
            </Button>
          )
        }
      >
        {rounds === null ? (
          <Spin />
        ) : !round ? (
          <Empty description={t('screening.noRounds')} />
        ) : (
          <Space wrap size={[12, 8]} style={{ width: '100%' }}>
            <Select
              data-testid="round-select"
              value={round.id}
              onChange={choose}
              style={{ minWidth: mobile ? 'calc(100vw - 60px)' : 320 }}
              options={rounds.map((r) => ({
                value: r.id,
                label: (
                  <span>
                    {r.name}{' '}
                    <Tag color={r.status === 'open' ? 'processing' : 'default'} style={{ marginInlineStart: 4 }}>
                      {t(`screening.status.${r.status}`)}
                    </Tag>
                  </span>
                ),
              }))}
            />
            <Typography.Text type="secondary">
              {t('screening.period', { start: round.startDate, end: round.endDate })} ·{' '}
              {t('screening.scope', { names: round.regions.map((r) => r.name).join('、') })}
            </Typography.Text>
            {mayOpen && round.status === 'open' && (
              <Popconfirm
                title={t('screening.closeConfirm', { name: round.name })}
                onConfirm={close}
                okButtonProps={{ danger: true }}
              >
                <Button danger icon={<StopOutlined />} data-testid="round-close">
                  {t('screening.close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Card>
      {round && <RoundView key={round.id} round={round} />}
      {opening && (
        <RoundOpenModal
          onClose={() => setOpening(false)}
          onOpened={(r) => {
            setOpening(false);
            load();
            choose(r.id);
          }}
        />
      )}
    </Space>
  );
}
