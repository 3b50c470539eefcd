import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, Row, Select, Space, Spin, Tag, Tree, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { PartyOrg, PartyOrgKind, PartyOrgNode, PartyUnitType } from '../../../shared/party';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { RegionPicker } from '../regions/RegionPicker';
import { ORG_KINDS, partyApi, UNIT_TYPES } from './partyApi';
import { PartyImportModal } from './PartyImportModal';
import { PartyOrgFormModal } from './PartyOrgFormModal';

interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

/** The flat nodes (parentId) as antd tree nodes; a node whose parent is outside my jurisdiction is a root. */
function buildTree(nodes: PartyOrgNode[], label: (n: PartyOrgNode) => string): TreeNode[] {
  const byId = new Map(nodes.map((n) => [n.id, { key: n.id, title: label(n), children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const n of nodes) {
    const node = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * 党组织: the jurisdiction's organisation tree (党委 → 党总支 → 党支部, with 正式/预备 member counts)
 * beside a list filtered by kind, unit type, region and a search box (name, pinyin, initials, unit).
 * Clicking an organisation opens it with its members.
 */
export default function PartyOrgsPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const mayManage = can.manageParty(me.role);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<PartyOrgKind | undefined>();
  const [unitType, setUnitType] = useState<PartyUnitType | undefined>();
  const [regionId, setRegionId] = useState<string | null>(null);
  const [modal, setModal] = useState<'add' | 'import' | null>(null);
  const [nodes, setNodes] = useState<PartyOrgNode[] | null>(null);
  const orgs = usePaged<PartyOrg>(
    '/party/organisations',
    { q: q || undefined, kind, unitType, regionId: regionId ?? undefined, limit: 50 },
    feedback.error,
  );

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const loadTree = useCallback(() => {
    partyApi.tree().then(setNodes, (err) => {
      feedback.error(err);
      setNodes([]);
    });
  }, [feedback]);
  useEffect(loadTree, [loadTree]);

  const tree = useMemo(
    () =>
      nodes
        ? buildTree(nodes, (n) => `${n.name}（${n.fullMembers}/${n.probationaryMembers}）`)
        : ([] satisfies TreeNode[]),
    [nodes],
  );
  const reloadAll = () => {
    loadTree();
    orgs.reload();
  };

  return (
    <Card
      title={t('party.orgs.title')}
      extra={
        mayManage && (
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => setModal('import')} data-testid="party-orgs-import">
              {t('party.orgs.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('add')} data-testid="party-org-add">
              {t('party.orgs.add')}
            </Button>
          </Space>
        )
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>{t('party.orgs.tree')}</Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('party.org.members')}
          </Typography.Text>
          <div data-testid="party-org-tree" style={{ marginTop: 8 }}>
            {nodes === null ? (
              <Spin />
            ) : tree.length ? (
              <Tree<TreeNode>
                treeData={tree}
                height={560}
                defaultExpandedKeys={tree.map((n) => n.key)}
                onSelect={(keys) => keys[0] && navigate(`/party/organisations/${String(keys[0])}`)}
              />
            ) : (
              <Empty description={t('party.orgs.treeEmpty')} />
            )}
          </div>
        </Col>
        <Col xs={24} lg={16}>
          <Space wrap style={{ marginBottom: 16 }}>
            <Input
              data-testid="party-org-search"
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('party.orgs.search')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              style={{ width: 260 }}
            />
            <Select<PartyOrgKind | undefined>
              allowClear
              placeholder={t('party.orgs.allKinds')}
              value={kind}
              onChange={setKind}
              options={ORG_KINDS.map((k) => ({ value: k, label: t(`party.org.kind.${k}`) }))}
              style={{ width: 130 }}
              data-testid="party-org-kind-filter"
            />
            <Select<PartyUnitType | undefined>
              allowClear
              placeholder={t('party.orgs.allUnitTypes')}
              value={unitType}
              onChange={setUnitType}
              options={UNIT_TYPES.map((u) => ({ value: u, label: t(`party.org.unitType.${u}`) }))}
              style={{ width: 140 }}
            />
            <div style={{ width: 220 }}>
              <RegionPicker value={regionId} onChange={setRegionId} placeholder={t('party.orgs.regionFilter')} />
            </div>
          </Space>
          <PagedTable<PartyOrg>
            list={orgs}
            data-testid="party-orgs-table"
            rowKey="id"
            size="small"
            scroll={{ x: 760 }}
            locale={{ emptyText: t('party.orgs.empty') }}
            columns={[
              {
                title: t('party.org.name'),
                render: (_, o) => (
                  <Link to={`/party/organisations/${o.id}`} data-testid={`party-org-link-${o.id}`}>
                    {o.name}
                  </Link>
                ),
              },
              { title: t('party.org.kind'), render: (_, o) => <Tag>{t(`party.org.kind.${o.kind}`)}</Tag> },
              { title: t('party.org.unitName'), dataIndex: 'unitName' },
              { title: t('party.org.unitType'), render: (_, o) => t(`party.org.unitType.${o.unitType}`) },
              { title: t('party.org.region'), render: (_, o) => o.regionName ?? '—' },
              { title: t('party.org.parent'), render: (_, o) => o.parentName ?? '—' },
              {
                title: t('party.org.members'),
                render: (_, o) => `${o.fullMembers} / ${o.probationaryMembers}`,
              },
            ]}
          />
        </Col>
      </Row>
      {modal === 'add' && (
        <PartyOrgFormModal
          onClose={() => setModal(null)}
          onSaved={(org) => {
            setModal(null);
            navigate(`/party/organisations/${org.id}`);
          }}
        />
      )}
      {modal === 'import' && (
        <PartyImportModal kind="organisations" onClose={() => setModal(null)} onImported={reloadAll} />
      )}
    </Card>
  );
}
