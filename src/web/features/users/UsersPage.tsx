import { EditOutlined, LockOutlined, PlusOutlined, SearchOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Tag, Tooltip } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import type { RevealResult } from '../../../shared/audit';
import { ROLES, type Role } from '../../../shared/enums';
import type { User } from '../../../shared/users';
import { api } from '../../app/api';
import { PagedTable } from '../../app/components/PagedTable';
import { PhoneReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { UserFormDrawer } from './UserFormDrawer';

function isLocked(user: User): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
}

/** 用户管理: the accounts in the user's jurisdiction, with create, edit, unlock and phone reveal. */
export default function UsersPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const users = usePaged<User>('/users', { q: q || undefined, role, limit: 50 }, feedback.error);

  // Search as the user types, a moment after they stop.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const unlock = async (user: User) => {
    try {
      await api.post(`/users/${user.id}/unlock`);
      feedback.success(t('users.unlocked'));
      users.setItems((items) => items.map((u) => (u.id === user.id ? { ...u, lockedUntil: null } : u)));
    } catch (err) {
      feedback.error(err);
    }
  };

  const reveal = async (user: User) =>
    (await api.post<RevealResult>(`/users/${user.id}/reveal`, { field: 'phone' })).value;

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('nav.users')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-add">
          {t('users.add')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          data-testid="user-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('users.searchPlaceholder')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          style={{ width: 240 }}
        />
        <Select<Role | undefined>
          data-testid="user-role-filter"
          allowClear
          placeholder={t('users.allRoles')}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          style={{ width: 180 }}
        />
      </Space>
      <PagedTable<User>
        list={users}
        data-testid="users-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1050 }}
        onRow={(row) => ({ 'data-testid': `user-row-${row.username}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 130, fixed: mobile ? undefined : 'left' },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
          {
            title: t('users.role'),
            dataIndex: 'role',
            width: 130,
            render: (r: Role) => (
              <Tag color={r === 'admin' ? 'red' : r === 'command' ? 'volcano' : 'blue'}>{t(`role.${r}`)}</Tag>
            ),
          },
          {
            title: t('users.region'),
            dataIndex: 'regionName',
            width: 150,
            render: (v: string | null) => v ?? t('header.scopeAll'),
          },
          {
            title: t('users.phone'),
            key: 'phone',
            width: 170,
            render: (_, row) => <PhoneReveal key={row.id} masked={row.phone} reveal={() => reveal(row)} />,
          },
          {
            title: t('users.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: User['status'], row) => (
              <>
                <Tag color={s === 'active' ? 'green' : 'default'}>{t(`users.status.${s}`)}</Tag>
                {row.mustChangePassword && (
                  <Tooltip title={t('users.mustChangePasswordHint')}>
                    <Tag color="orange" data-testid={`user-must-change-${row.username}`}>
                      {t('users.mustChangePassword')}
                    </Tag>
                  </Tooltip>
                )}
              </>
            ),
          },
          {
            title: t('users.locked'),
            key: 'locked',
            width: 150,
            render: (_, row) =>
              isLocked(row) ? (
                <Tooltip title={t('users.lockedUntil', { time: formatTime(row.lockedUntil, locale) })}>
                  <Tag color="red" icon={<LockOutlined />}>
                    {formatTime(row.lockedUntil, locale)}
                  </Tag>
                </Tooltip>
              ) : (
                <span style={{ color: '#999' }}>{t('users.notLocked')}</span>
              ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 140,
            render: (v: string | null) => formatTime(v, locale),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: mobile ? undefined : 'right',
            render: (_, row) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(row)}
                  data-testid={`user-edit-${row.username}`}
                >
                  {t('common.edit')}
                </Button>
                {isLocked(row) && (
                  <Button
                    type="link"
                    size="small"
                    icon={<UnlockOutlined />}
                    onClick={() => unlock(row)}
                    data-testid={`user-unlock-${row.username}`}
                  >
                    {t('users.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserFormDrawer
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            users.reload();
          }}
        />
      )}
    </Card>
  );
}
