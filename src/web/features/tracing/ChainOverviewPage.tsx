import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Spin, Statistic, Table, Tag } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ChainGraph } from '../../../shared/tracing';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { ChainChart } from './ChainGraph';
import { tracingApi } from './tracingApi';

interface Cluster {
  cluster: number;
  cases: ChainGraph['nodes'];
  contacts: number;
  generations: number;
}

/** 传播链总览: every case and accepted contact of my jurisdiction, grouped into clusters (connected chains). */
export default function ChainOverviewPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [graph, setGraph] = useState<ChainGraph | null>(null);
  const [cluster, setCluster] = useState<number | null>(null);

  useEffect(() => {
    tracingApi
      .graph()
      .then(setGraph)
      .catch((err: unknown) => {
        feedback.error(err);
        setGraph({ nodes: [], links: [] });
      });
  }, [feedback]);

  const clusters = useMemo<Cluster[]>(() => {
    const by = new Map<number, Cluster>();
    for (const n of graph?.nodes ?? []) {
      const c = by.get(n.cluster) ?? { cluster: n.cluster, cases: [], contacts: 0, generations: 0 };
      if (n.kind === 'case') c.cases.push(n);
      else c.contacts++;
      c.generations = Math.max(c.generations, n.kind === 'case' ? n.generation : 0);
      by.set(n.cluster, c);
    }
    return [...by.values()].sort((a, b) => b.cases.length - a.cases.length || b.contacts - a.contacts);
  }, [graph]);

  const shown = useMemo<ChainGraph | null>(() => {
    if (!graph || cluster === null) return graph;
    const nodes = graph.nodes.filter((n) => n.cluster === cluster);
    const ids = new Set(nodes.map((n) => n.id));
    return { nodes, links: graph.links.filter((l) => ids.has(l.source) && ids.has(l.target)) };
  }, [graph, cluster]);

  const cases = graph?.nodes.filter((n) => n.kind === 'case').length ?? 0;

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={
        <span>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/cases')}
            aria-label={t('common.back')}
          />
          {t('tracing.chainOverview')}
        </span>
      }
    >
      {!graph || !shown ? (
        <Spin />
      ) : graph.nodes.length === 0 ? (
        <Empty description={t('tracing.noGraph')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={8}>
            <Row gutter={8} style={{ marginBottom: 12 }}>
              <Col span={8}>
                <Statistic title={t('tracing.casesCount')} value={cases} />
              </Col>
              <Col span={8}>
                <Statistic title={t('tracing.contacts')} value={graph.nodes.length - cases} />
              </Col>
              <Col span={8}>
                <Statistic title={t('tracing.clusters')} value={clusters.length} />
              </Col>
            </Row>
            <Table<Cluster>
              data-testid="clusters-table"
              rowKey="cluster"
              size="small"
              pagination={clusters.length > 10 ? { pageSize: 10, size: 'small' } : false}
              dataSource={clusters}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: cluster === null ? [] : [cluster],
                onChange: (keys) => setCluster((keys[0] as number) ?? null),
              }}
              onRow={(row) =>
                ({
                  onClick: () => setCluster(cluster === row.cluster ? null : row.cluster),
                  style: { cursor: 'pointer' },
                }) as HTMLAttributes<HTMLElement>
              }
              columns={[
                { title: t('tracing.cluster'), dataIndex: 'cluster', width: 70, render: (v: number) => `#${v}` },
                {
                  title: t('tracing.casesCount'),
                  key: 'cases',
                  render: (_, c) =>
                    c.cases.map((n) => (
                      <Link key={n.id} to={`/cases/${n.id}`} onClick={(e) => e.stopPropagation()}>
                        <Tag color="red" style={{ cursor: 'pointer' }}>
                          {n.name}
                        </Tag>
                      </Link>
                    )),
                },
                { title: t('tracing.contacts'), dataIndex: 'contacts', width: 70 },
                { title: t('tracing.generations'), dataIndex: 'generations', width: 70 },
              ]}
            />
            {cluster !== null && (
              <Button type="link" onClick={() => setCluster(null)}>
                {t('tracing.allClusters')}
              </Button>
            )}
          </Col>
          <Col xs={24} xl={16}>
            <ChainChart graph={shown} height={mobile ? 420 : 640} testId="chain-overview" />
          </Col>
        </Row>
      )}
    </Card>
  );
}
