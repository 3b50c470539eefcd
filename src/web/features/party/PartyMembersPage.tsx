import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { PartyMember, PartyMemberCategory, PartyMemberStatus, PartyOrg } from '../../../shared/party';
import { useMe } from '../../app/auth';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { MembersTable } from './MembersTable';
import { MEMBER_CATEGORIES, MEMBER_STATUSES } from './partyApi';
import { PartyImportModal } from './PartyImportModal';
import { PartyMemberFormModal } from './PartyMemberFormModal';

/** Debounces a typed filter by 300 ms so each keystroke does not reload the list. */
function useDebounced(typed: string): string {
  const [value, setValue] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setValue(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  return value;
}

/**
 * 党员: the jurisdiction's members, filtered by branch, unit, category and status, searched by name,
 * pinyin, initials or the tail of an ID number or phone (the server matches). ID numbers and phones
 * are masked; the eye reveals one, which the server audits.
 */
export default function PartyMembersPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mayManage = can.manageParty(me.role);
  const [typed, setTyped] = useState('');
  const [typedUnit, setTypedUnit] = useState('');
  const q = useDebounced(typed);
  const unit = useDebounced(typedUnit);
  const [organisationId, setOrganisationId] = useState<string | undefined>();
  const [category, setCategory] = useState<PartyMemberCategory | undefined>();
  const [status, setStatus] = useState<PartyMemberStatus | undefined>();
  const [modal, setModal] = useState<{ kind: 'add' } | { kind: 'edit'; member: PartyMember } | { kind: 'import' }>();
  const members = usePaged<PartyMember>(
    '/party/members',
    { q: q || undefined, unit: unit || undefined, organisationId, category, status, limit: 50 },
    feedback.error,
  );

  return (
    <Card
      title={t('party.members.title')}
      extra={
        mayManage && (
          <Space>
            <Button
              icon={<ImportOutlined />}
              onClick={() => setModal({ kind: 'import' })}
              data-testid="party-members-import"
            >
              {t('party.members.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setModal({ kind: 'add' })}
              data-testid="party-member-add"
            >
              {t('party.members.add')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          data-testid="party-member-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('party.members.search')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          style={{ width: 340 }}
        />
        <RemoteSelect<PartyOrg>
          path="/party/organisations"
          allowClear
          placeholder={t('party.members.orgFilter')}
          value={organisationId}
          onChange={(v) => setOrganisationId(v ?? undefined)}
          toOption={(o) => ({ value: o.id, label: o.name })}
          style={{ width: 220 }}
          data-testid="party-member-org-filter"
        />
        <Input
          allowClear
          placeholder={t('party.members.unitFilter')}
          value={typedUnit}
          onChange={(e) => setTypedUnit(e.target.value)}
          style={{ width: 160 }}
        />
        <Select<PartyMemberCategory | undefined>
          allowClear
          placeholder={t('party.members.allCategories')}
          value={category}
          onChange={setCategory}
          options={MEMBER_CATEGORIES.map((c) => ({ value: c, label: t(`party.member.category.${c}`) }))}
          style={{ width: 130 }}
        />
        <Select<PartyMemberStatus | undefined>
          allowClear
          placeholder={t('party.members.allStatuses')}
          value={status}
          onChange={setStatus}
          options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`party.member.status.${s}`) }))}
          style={{ width: 120 }}
        />
      </Space>
      <MembersTable
        list={members}
        mayManage={mayManage}
        onEdit={(member) => setModal({ kind: 'edit', member })}
        onRemoved={members.reload}
      />
      {(modal?.kind === 'add' || modal?.kind === 'edit') && (
        <PartyMemberFormModal
          member={modal.kind === 'edit' ? modal.member : undefined}
          onClose={() => setModal(undefined)}
          onSaved={() => {
            setModal(undefined);
            members.reload();
          }}
        />
      )}
      {modal?.kind === 'import' && (
        <PartyImportModal kind="members" onClose={() => setModal(undefined)} onImported={members.reload} />
      )}
    </Card>
  );
}
