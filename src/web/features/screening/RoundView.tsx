import { AimOutlined, ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Progress, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CoverageRow, Round } from '../../../shared/screening';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { CoverageTable, rateColor } from './CoverageTable';
import { GapsTable } from './GapsTable';
import { WorkersTable } from './WorkersTable';
import { nextLevel, screeningApi, startLevel, sumCoverage, type CoverageLevel } from './screeningApi';

const LEVELS: CoverageLevel[] = ['township', 'village', 'grid'];

interface Step {
  id: string;
  name: string;
  level: CoverageLevel;
}

/** A breadcrumb step to go back to: a link-styled button (reachable by keyboard), no taller than the text. */
const CRUMB = { padding: 0, height: 'auto' } as const;

/**
 * One round: totals, coverage per unit (click to go one level down; the breadcrumb goes back up),
 * the gaps under the unit in view — the list 不留死角 asks to empty — and each worker's progress.
 */
export function RoundView({ round }: { round: Round }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const base = startLevel(me.region?.level);
  const [path, setPath] = useState<Step[]>([]);
  const [level, setLevel] = useState<CoverageLevel>(base);
  const [rows, setRows] = useState<CoverageRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [refresh, setRefresh] = useState(0);
  const under = path[path.length - 1];

  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    screeningApi
      .coverage(round.id, level, under?.id)
      .then((items) => !cancelled && setRows(items))
      .catch((err: unknown) => !cancelled && feedback.error(err))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [round.id, level, under?.id, refresh, feedback]);

  const drill = (row: CoverageRow) => {
    if (under?.id === row.regionId) return;
    const rowLevel = row.level as CoverageLevel;
    setPath((prev) => [...prev, { id: row.regionId, name: row.name, level: rowLevel }]);
    setLevel(nextLevel(rowLevel) ?? 'grid');
  };
  const backTo = (index: number) => {
    const next = path.slice(0, index);
    setPath(next);
    const last = next[next.length - 1];
    setLevel(last ? (nextLevel(last.level) ?? 'grid') : base);
  };
  // Only levels below the unit in view make sense.
  const levels = LEVELS.slice(LEVELS.indexOf(under ? (nextLevel(under.level) ?? 'grid') : base));
  const total = sumCoverage(rows);
  const rate = total.households ? total.visited / total.households : 0;

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small">
          <Row gutter={[16, 12]} align="middle">
            <Col xs={24} md={8}>
              <Typography.Text type="secondary">{under ? under.name : t('screening.allScope')}</Typography.Text>
              <Progress
                data-testid="round-rate"
                percent={Math.floor(rate * 1000) / 10}
                strokeColor={rateColor(rate)}
                size={['100%', 14]}
              />
            </Col>
            <Col xs={6} md={4}>
              <Statistic title={t('screening.households')} value={total.households} />
            </Col>
            <Col xs={6} md={4}>
              <Statistic
                title={t('screening.visited')}
                value={total.visited}
                styles={{ content: { color: '#389e0d' } }}
              />
            </Col>
            <Col xs={6} md={4}>
              <Statistic
                title={t('screening.notHome')}
                value={total.notHome}
                styles={{ content: { color: '#d48806' } }}
              />
            </Col>
            <Col xs={6} md={4}>
              <Statistic title={t('screening.never')} value={total.never} styles={{ content: { color: '#cf1322' } }} />
            </Col>
          </Row>
        </Card>
      </Col>
      {/* Side by side on a wide screen; below that the gaps come first, 不留死角 before percentages. */}
      <Col xs={{ span: 24, order: 2 }} xxl={{ span: 13, order: 1 }}>
        <Card
          size={mobile ? 'small' : undefined}
          title={t('screening.coverage')}
          extra={
            <Button
              size="small"
              icon={<ReloadOutlined />}
              onClick={() => setRefresh((n) => n + 1)}
              aria-label={t('common.refresh')}
            />
          }
        >
          <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
            <Breadcrumb
              data-testid="coverage-path"
              items={[
                {
                  key: 'root',
                  title: (
                    <Button type="link" size="small" style={CRUMB} onClick={() => backTo(0)}>
                      {t('screening.allScope')}
                    </Button>
                  ),
                },
                ...path.map((step, i) => ({
                  key: step.id,
                  title:
                    i === path.length - 1 ? (
                      step.name
                    ) : (
                      <Button type="link" size="small" style={CRUMB} onClick={() => backTo(i + 1)}>
                        {step.name}
                      </Button>
                    ),
                })),
              ]}
            />
            <Segmented<CoverageLevel>
              data-testid="coverage-level"
              size="small"
              value={level}
              onChange={setLevel}
              options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            />
          </Space>
          <CoverageTable rows={rows} loading={loading} onOpen={drill} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('screening.drillHint')}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={{ span: 24, order: 1 }} xxl={{ span: 11, order: 2 }}>
        <Card
          data-testid="gaps-card"
          size={mobile ? 'small' : undefined}
          styles={{ header: { background: '#fff1f0', borderBottom: '2px solid #cf1322' } }}
          title={
            <Space>
              <AimOutlined style={{ color: '#cf1322' }} />
              <span>{t('screening.gaps')}</span>
            </Space>
          }
        >
          <Typography.Paragraph style={{ marginTop: 0 }}>
            {under && (
              <Typography.Text type="secondary">{t('screening.gapsUnder', { name: under.name })} · </Typography.Text>
            )}
            <Typography.Text
              type={total.never + total.notHome ? 'danger' : total.households ? 'success' : 'secondary'}
              strong
              data-testid="gaps-count"
            >
              {total.never + total.notHome
                ? t('screening.gapsSummary', { never: total.never, notHome: total.notHome })
                : total.households
                  ? t('screening.gapsNone')
                  : t('screening.noHouseholdsHere')}
            </Typography.Text>
          </Typography.Paragraph>
          <GapsTable roundId={round.id} under={under?.id} refreshKey={refresh} />
        </Card>
      </Col>
      <Col span={24} order={3}>
        <Card size={mobile ? 'small' : undefined} title={t('screening.workers')}>
          <WorkersTable roundId={round.id} refreshKey={refresh} />
        </Card>
      </Col>
    </Row>
  );
}
