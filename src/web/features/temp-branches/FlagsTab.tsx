import { FlagOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { BranchFlag, BranchFlags } from '../../../shared/temp-branches';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import type { BranchPreset } from './BranchFormModal';
import { tempBranchesApi } from './tempBranchesApi';

const COLOURS: Record<BranchFlag['kind'], string> = {
  station_without_branch: 'red',
  compound_without_branch: 'volcano',
  below_minimum: 'orange',
};

/** The jurisdiction's flags, computed now, each with what caused it and a one-click action. */
export function FlagsTab({ refreshKey, onSetUp }: { refreshKey: number; onSetUp: (preset: BranchPreset) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const [data, setData] = useState<BranchFlags | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await tempBranchesApi.flags());
    } catch (err) {
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  }, [feedback]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a fresh computation
  useEffect(() => {
    void load();
  }, [load, refreshKey]);
  const manage = can.manageBranches(me.role);
  const rules = data?.rules;

  const where = (f: BranchFlag) =>
    f.site?.kind === 'isolation_site' ? (
      <Link to={`/isolation/sites/${f.site.id}`} data-testid={`flag-isolation-site-${f.site.id}`}>
        {f.site.name}
      </Link>
    ) : f.site ? (
      can.registerPassages(me.role) ? (
        <Link to={`/checkpoints/roster?siteId=${f.site.id}`}>{f.site.name}</Link>
      ) : (
        f.site.name
      )
    ) : f.compound ? (
      f.compound.name
    ) : f.branch ? (
      <Link to={`/temp-branches/${f.branch.id}`}>{f.branch.name}</Link>
    ) : (
      '—'
    );
  const cause = (f: BranchFlag) => {
    if (f.kind === 'station_without_branch')
      return (
        <Space direction="vertical" size={2}>
          <span>
            {t(
              f.site?.kind === 'isolation_site' ? 'tempBranches.flags.staffCause' : 'tempBranches.flags.stationCause',
              {
                days: rules?.rosterDays ?? 7,
                count: f.members.length,
              },
            )}
          </span>
          <span>
            {f.members.map((m) => (
              <Tag key={m.personId} title={m.homeBranch ?? undefined}>
                {m.name}
                {m.homeBranch ? ` · ${m.homeBranch}` : ''}
              </Tag>
            ))}
          </span>
        </Space>
      );
    if (f.kind === 'compound_without_branch' && f.compound)
      return t('tempBranches.flags.compoundCause', {
        households: f.compound.households,
        residents: f.compound.residents,
      });
    if (f.branch)
      return t('tempBranches.flags.belowCause', {
        formal: f.branch.formalMembers,
        members: f.branch.members,
        min: rules?.minFormalMembers ?? 3,
      });
    return '—';
  };
  const action = (f: BranchFlag) => {
    if (!manage) return null;
    if (f.site)
      return (
        <Button
          size="small"
          type="primary"
          icon={<FlagOutlined />}
          data-testid={`set-up-site-${f.site.id}`}
          onClick={() =>
            onSetUp(
              f.site!.kind === 'isolation_site'
                ? { postKind: 'isolation_site', isolationSiteId: f.site!.id, postName: f.site!.name }
                : { postKind: 'checkpoint', checkpointSiteId: f.site!.id, postName: f.site!.name },
            )
          }
        >
          {t('tempBranches.flags.setUpHere')}
        </Button>
      );
    if (f.compound)
      return (
        <Button
          size="small"
          type="primary"
          icon={<FlagOutlined />}
          data-testid={`set-up-compound-${f.compound.id}`}
          onClick={() => onSetUp({ postKind: 'compound', compoundId: f.compound!.id, postName: f.compound!.name })}
        >
          {t('tempBranches.flags.setUpHere')}
        </Button>
      );
    if (f.branch)
      return (
        <Link to={`/temp-branches/${f.branch.id}`}>
          <Button size="small">{t('tempBranches.flags.addMembers')}</Button>
        </Link>
      );
    return null;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rules && (
        <Alert
          type="info"
          showIcon
          message={t('tempBranches.flags.rulesLine', {
            days: rules.rosterDays,
            station: rules.stationMembers,
            households: rules.compoundHouseholds,
            residents: rules.compoundResidents,
            min: rules.minFormalMembers,
          })}
        />
      )}
      <Table<BranchFlag>
        data-testid="branch-flags"
        loading={loading}
        rowKey={(f) => `${f.kind}-${f.site?.id ?? f.compound?.id ?? f.branch?.id}`}
        dataSource={data?.flags ?? []}
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t('tempBranches.flags.none') }}
        columns={[
          {
            title: t('tempBranches.flags.kind'),
            render: (_, f) => (
              <Tag color={COLOURS[f.kind]}>
                {t(
                  f.site?.kind === 'isolation_site' ? 'tempBranches.flag.isolationSite' : `tempBranches.flag.${f.kind}`,
                )}
              </Tag>
            ),
          },
          { title: t('tempBranches.flags.where'), render: (_, f) => where(f) },
          {
            title: t('tempBranches.flags.cause'),
            render: (_, f) => <Typography.Text>{cause(f)}</Typography.Text>,
          },
          { title: '', render: (_, f) => action(f) },
        ]}
      />
    </Space>
  );
}
