import { Button, Card, Col, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { BoardOrder, CalloutBoard } from '../../../shared/callouts';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { calloutsApi } from './calloutsApi';
import { PointQrButton } from './PointQrModal';

/** How often the board asks again: answers arrive from the persons' phones at any moment. */
const POLL_MS = 3000;

const STATE_COLORS: Record<BoardOrder['state'], string> = {
  silent: 'default',
  acknowledged: 'blue',
  declined: 'orange',
  arrived: 'green',
};

/**
 * 集结看板: who was ordered, who answered (with ETA), who arrived, who declined and who is silent,
 * each with the time since the order; the time to the first answer and until everyone has arrived,
 * against the 15-minute standard. Polls every 3 seconds while the call-out is active.
 */
export default function CalloutBoardPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const detail = useDetail<CalloutBoard>(id, calloutsApi.board);
  const [busy, setBusy] = useState(false);
  const active = detail.data?.callout.status === 'active';
  const { reload, setData } = detail;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);

  if (!detail.data) return <DetailStatus detail={detail} back={<Link to="/callouts">{t('callouts.back')}</Link>} />;
  const board = detail.data;
  const { callout, counts } = board;
  const duration = (s: number | null) =>
    s === null ? t('callouts.notYet') : t('callouts.minutes', { m: Math.floor(s / 60), s: s % 60 });
  const verdict = (s: number | null) =>
    s === null ? null : s <= board.standardMinutes * 60 ? (
      <Tag color="green">{t('callouts.withinStandard')}</Tag>
    ) : (
      <Tag color="red">{t('callouts.overStandard')}</Tag>
    );
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={`${t('callouts.board')} · ${callout.teamName ?? ''} → ${callout.meetingPoint}`}
        extra={
          <Space wrap>
            {active && (
              <>
                <Typography.Text type="secondary">{t('callouts.live')}</Typography.Text>
                <Button
                  disabled={busy || counts.silent === 0}
                  onClick={() =>
                    void run(async () => {
                      const { reminded } = await calloutsApi.remind(id);
                      feedback.success(t('callouts.reminded', { n: reminded }));
                    })
                  }
                  data-testid="callout-remind"
                >
                  {t('callouts.remind')}
                </Button>
                <Popconfirm
                  title={t('callouts.closeConfirm')}
                  onConfirm={() =>
                    void run(async () => {
                      await calloutsApi.close(id);
                      reload();
                    })
                  }
                >
                  <Button danger disabled={busy} data-testid="callout-close">
                    {t('callouts.close')}
                  </Button>
                </Popconfirm>
              </>
            )}
            {active && callout.pointCode && (
              <PointQrButton pointCode={callout.pointCode} meetingPoint={callout.meetingPoint} />
            )}
            {!active && <Tag>{t('callouts.status.closed')}</Tag>}
            <Link to="/callouts">{t('callouts.back')}</Link>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          {t('callouts.orderedAt')} {formatTime(callout.orderedAt, locale)} · {t('callouts.orderedBy')}{' '}
          {callout.orderedByName} · {t('callouts.deadline')} {formatTime(callout.deadlineAt, locale)}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {(['ordered', 'acknowledged', 'arrived', 'declined', 'silent'] as const).map((k) => (
            <Col key={k} xs={12} sm={8} md={4}>
              <Statistic title={t(`callouts.count.${k}`)} value={counts[k]} data-testid={`board-count-${k}`} />
            </Col>
          ))}
        </Row>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={12}>
            <Statistic
              title={`${t('callouts.firstAck')}（${t('callouts.standard', { n: board.standardMinutes })}）`}
              value={duration(board.firstAckSeconds)}
              suffix={verdict(board.firstAckSeconds)}
              data-testid="board-first-ack"
            />
          </Col>
          <Col xs={24} md={12}>
            <Statistic
              title={`${t('callouts.complete')}（${t('callouts.standard', { n: board.standardMinutes })}）`}
              value={duration(board.completeSeconds)}
              suffix={verdict(board.completeSeconds)}
              data-testid="board-complete"
            />
          </Col>
        </Row>
      </Card>
      <Card>
        <Table<BoardOrder>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={board.orders}
          onRow={(o) => ({ 'data-testid': `board-row-${o.personId}`, 'data-state': o.state }) as object}
          columns={[
            { title: t('callouts.name'), dataIndex: 'name' },
            {
              title: t('callouts.state'),
              render: (_, o) => (
                <Space size={4} wrap>
                  <Tag color={STATE_COLORS[o.state]}>{t(`callouts.state.${o.state}`)}</Tag>
                  {o.answer === 'late' && o.etaMinutes && <span>{t('callouts.eta', { n: o.etaMinutes })}</span>}
                  {o.reason && <Typography.Text type="secondary">{o.reason}</Typography.Text>}
                  {o.changes > 0 && <Tag color="purple">{t('callouts.changed', { n: o.changes })}</Tag>}
                </Space>
              ),
            },
            { title: t('callouts.since'), render: (_, o) => duration(o.secondsSinceOrder) },
            { title: t('callouts.phone'), render: (_, o) => o.phone ?? '—' },
            {
              title: t('common.actions'),
              render: (_, o) =>
                o.state === 'arrived' ? (
                  <Typography.Text type="success">{t('callouts.checkedIn')}</Typography.Text>
                ) : active ? (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => void run(async () => setData(await calloutsApi.checkIn(id, o.id)))}
                    data-testid={`board-check-in-${o.personId}`}
                  >
                    {t('callouts.checkIn')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
