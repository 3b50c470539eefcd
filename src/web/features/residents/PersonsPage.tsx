import { ImportOutlined, PlusOutlined, PrinterOutlined, SearchOutlined, SwapOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Person, PersonTag } from '../../../shared/residents';
import type { Query } from '../../app/api';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { RegionPicker } from '../regions/RegionPicker';
import { PersonDrawer } from './PersonDrawer';
import { PersonExport } from './PersonExport';
import { PersonFormDrawer } from './PersonFormDrawer';
import { PersonTags, tagOptionRender, useTagOptions } from './PersonTags';
import { personApi } from './residentApi';
import { transferApi } from './transferApi';

/**
 * 人员: the registry of the user's jurisdiction. The search box takes a name (简/繁), pinyin or
 * initials (zs), or the tail of an ID number or phone — the server does the matching. `?open=<id>`
 * opens a person's drawer.
 */
export default function PersonsPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const tagOptions = useTagOptions();
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<PersonTag | undefined>(undefined);
  const [regionId, setRegionId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const mayRegister = can.registerPersons(me.role);
  const filters: Query = { q: q || undefined, tag, regionId: regionId ?? undefined };
  const persons = usePaged<Person>('/persons', { ...filters, limit: 50 }, feedback.error);
  const openId = params.get('open');
  /** transfer requests waiting for this jurisdiction's decision */
  const [toDecide, setToDecide] = useState(0);

  useEffect(() => {
    if (mayRegister)
      transferApi.pending().then(
        (n) => setToDecide(n.incoming),
        () => setToDecide(0),
      );
  }, [mayRegister]);

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const open = (id: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('open', id);
      else next.delete('open');
      return next;
    });

  const printRoster = () => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, String(value));
    query.set('print', '1');
    navigate(`/persons/roster?${query.toString()}`);
  };

  const reveal = (row: Person, field: 'idNumber' | 'phone') =>
    mayRegister ? () => personApi.reveal(row.id, field) : undefined;

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('persons.title')}
      extra={
        mayRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="person-add">
            {mobile ? null : t('persons.add')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <Input
          data-testid="person-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('persons.searchPlaceholder')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          style={{ width: mobile ? 'calc(100vw - 60px)' : 380 }}
        />
        <Select<PersonTag | undefined>
          data-testid="person-tag-filter"
          allowClear
          placeholder={t('persons.allTags')}
          value={tag}
          onChange={setTag}
          options={tagOptions}
          optionRender={tagOptionRender}
          style={{ width: 150 }}
        />
        <div style={{ width: mobile ? 'calc(100vw - 60px)' : 240 }} data-testid="person-region-filter">
          <RegionPicker
            id="person-region-filter"
            value={regionId}
            onChange={setRegionId}
            placeholder={t('persons.regionFilter')}
          />
        </div>
        <PersonExport filters={filters} mayReveal={mayRegister} />
        <Button icon={<PrinterOutlined />} onClick={printRoster} data-testid="persons-print">
          {t('persons.print')}
        </Button>
        {mayRegister && (
          <Button icon={<ImportOutlined />} onClick={() => navigate('/persons/import')} data-testid="persons-import">
            {t('persons.import')}
          </Button>
        )}
        {mayRegister && (
          <Badge count={toDecide} size="small" data-testid="persons-transfers-waiting">
            <Button
              icon={<SwapOutlined />}
              onClick={() => navigate('/persons/transfers')}
              data-testid="persons-transfers"
            >
              {t('nav.transfers')}
            </Button>
          </Badge>
        )}
      </Space>
      <PagedTable<Person>
        list={persons}
        data-testid="persons-table"
        rowKey="id"
        size="middle"
        scroll={mobile ? undefined : { x: 1100 }}
        locale={{ emptyText: t('persons.empty') }}
        onRow={(row) =>
          ({
            onClick: () => open(row.id),
            style: { cursor: 'pointer' },
            'data-testid': `person-row-${row.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={
          mobile
            ? [
                {
                  title: t('persons.name'),
                  key: 'who',
                  render: (_, row) => (
                    <div>
                      <Typography.Link strong>{row.name}</Typography.Link>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                        {[row.sex ? t(`sex.${row.sex}`) : null, row.birthDate].filter(Boolean).join(' · ')}
                      </Typography.Text>
                      <div>
                        <PersonTags tags={row.tags} />
                      </div>
                    </div>
                  ),
                },
                {
                  title: `${t('persons.idNumber')} / ${t('persons.phone')}`,
                  key: 'numbers',
                  width: 170,
                  render: (_, row) => (
                    <div style={{ fontSize: 12 }}>
                      <MaskedReveal
                        key={`id-${row.id}`}
                        masked={row.idNumber}
                        reveal={reveal(row, 'idNumber')}
                        label={t('persons.revealId')}
                        testId="id"
                      />
                      <div>
                        <MaskedReveal key={`ph-${row.id}`} masked={row.phone} reveal={reveal(row, 'phone')} />
                      </div>
                    </div>
                  ),
                },
              ]
            : [
                {
                  title: t('persons.name'),
                  dataIndex: 'name',
                  width: 110,
                  fixed: 'left',
                  render: (v: string) => <Typography.Link>{v}</Typography.Link>,
                },
                {
                  title: t('persons.sex'),
                  dataIndex: 'sex',
                  width: 60,
                  render: (v: Person['sex']) => (v ? t(`sex.${v}`) : '—'),
                },
                {
                  title: t('persons.birthDate'),
                  dataIndex: 'birthDate',
                  width: 110,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('persons.idNumber'),
                  key: 'id',
                  width: 230,
                  render: (_, row) => (
                    <MaskedReveal
                      key={`id-${row.id}`}
                      masked={row.idNumber}
                      reveal={reveal(row, 'idNumber')}
                      label={t('persons.revealId')}
                      testId="id"
                    />
                  ),
                },
                {
                  title: t('persons.phone'),
                  key: 'phone',
                  width: 160,
                  render: (_, row) => (
                    <MaskedReveal key={`ph-${row.id}`} masked={row.phone} reveal={reveal(row, 'phone')} />
                  ),
                },
                {
                  title: t('persons.region'),
                  dataIndex: 'regionName',
                  width: 140,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('persons.tags'), dataIndex: 'tags', render: (v: PersonTag[]) => <PersonTags tags={v} /> },
              ]
        }
      />
      {openId && (
        <PersonDrawer
          key={openId}
          personId={openId}
          onClose={() => open(null)}
          onChanged={persons.reload}
          onOpen={open}
        />
      )}
      {adding && (
        <PersonFormDrawer
          onClose={() => setAdding(false)}
          onSaved={(person) => {
            setAdding(false);
            persons.reload();
            open(person.id);
          }}
          onOpenExisting={(person) => open(person.id)}
        />
      )}
    </Card>
  );
}
