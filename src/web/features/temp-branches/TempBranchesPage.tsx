import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { TempBranch } from '../../../shared/temp-branches';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { BranchFormModal, type BranchPreset } from './BranchFormModal';
import { CompoundsTab } from './CompoundsTab';
import { FlagsTab } from './FlagsTab';
import { RulesTab } from './RulesTab';

/** 临时党支部: the jurisdiction's flags (应建未建, 低于最低人数), its branches, its compounds and the county's thresholds. */
export default function TempBranchesPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'flags';
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [preset, setPreset] = useState<BranchPreset | null>(null);
  const [refresh, setRefresh] = useState(0);
  const branches = usePaged<TempBranch>('/temp-branches', status === 'all' ? {} : { status }, feedback.error, refresh);
  const manage = can.manageBranches(me.role);

  const branchesTab = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[
          { value: 'open', label: t('tempBranches.status.open') },
          { value: 'closed', label: t('tempBranches.status.closed') },
          { value: 'all', label: t('tempBranches.filter.all') },
        ]}
      />
      <PagedTable<TempBranch>
        list={branches}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        locale={{ emptyText: t('tempBranches.noBranches') }}
        columns={[
          {
            title: t('tempBranches.name'),
            render: (_, b) => (
              <Link to={`/temp-branches/${b.id}`} data-testid={`branch-link-${b.id}`}>
                {b.name}
              </Link>
            ),
          },
          {
            title: t('tempBranches.post'),
            render: (_, b) => (
              <Space size={4} wrap>
                <Tag>{t(`tempBranches.post.${b.postKind}`)}</Tag>
                {b.postName ?? '—'}
              </Space>
            ),
          },
          { title: t('tempBranches.region'), render: (_, b) => b.regionName ?? '—' },
          { title: t('tempBranches.foundedOn'), dataIndex: 'foundedOn' },
          { title: t('tempBranches.secretary'), render: (_, b) => b.secretaryName ?? '—' },
          { title: t('tempBranches.members'), dataIndex: 'members' },
          {
            title: t('tempBranches.status'),
            render: (_, b) =>
              b.postEnded ? (
                <Tag color="red" data-testid={`post-ended-${b.id}`}>
                  {t('tempBranches.postEnded')}
                </Tag>
              ) : b.status === 'open' ? (
                <Tag color="green">{t('tempBranches.status.open')}</Tag>
              ) : (
                <Tag>
                  {t('tempBranches.status.closed')} {formatTime(b.closedAt, locale)}
                </Tag>
              ),
          },
        ]}
      />
    </Space>
  );

  return (
    <Card
      title={t('tempBranches.title')}
      extra={
        manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPreset({ postKind: 'checkpoint' })}
            data-testid="branch-new"
          >
            {t('tempBranches.newBranch')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: 'flags',
            label: t('tempBranches.tab.flags'),
            children: <FlagsTab refreshKey={refresh} onSetUp={setPreset} />,
          },
          { key: 'branches', label: t('tempBranches.tab.branches'), children: branchesTab },
          {
            key: 'compounds',
            label: t('tempBranches.tab.compounds'),
            children: <CompoundsTab onChanged={() => setRefresh((n) => n + 1)} />,
          },
          ...(can.setBranchRules(me.role)
            ? [
                {
                  key: 'rules',
                  label: t('tempBranches.tab.rules'),
                  children: <RulesTab onSaved={() => setRefresh((n) => n + 1)} />,
                },
              ]
            : []),
        ]}
      />
      {preset && (
        <BranchFormModal
          preset={preset}
          onClose={() => setPreset(null)}
          onSaved={(b) => navigate(`/temp-branches/${b.id}`)}
        />
      )}
    </Card>
  );
}
