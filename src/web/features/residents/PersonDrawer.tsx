import { EditOutlined, HomeOutlined } from '@ant-design/icons';
import { Button, Descriptions, Divider, Drawer, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { DetailStatus } from '../../app/components/DetailStatus';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { PersonDuplicates } from './PersonDuplicates';
import { PersonFormDrawer } from './PersonFormDrawer';
import { PersonTags } from './PersonTags';
import { CaseBadge, usePersonCases } from '../tracing/CaseBadge';
import { personApi } from './residentApi';

interface Props {
  personId: string;
  onClose: () => void;
  /** The record changed (edited, merged): lists showing it should reload. */
  onChanged: () => void;
  /** Open another person in this drawer (a likely duplicate's existing record). */
  onOpen: (personId: string) => void;
}

/** One person: every field, tags, returnee details, the household, correction and duplicates. */
export function PersonDrawer({ personId, onClose, onChanged, onOpen }: Props) {
  const me = useMe();
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const detail = useDetail(personId, personApi.get);
  const { data: person, reload: load } = detail;
  const [editing, setEditing] = useState(false);
  const mayRegister = can.registerPersons(me.role);
  const theCase = usePersonCases([personId]).get(personId);

  const changed = () => {
    load();
    onChanged();
  };
  const reveal = (field: 'idNumber' | 'phone') =>
    mayRegister && person ? () => personApi.reveal(person.id, field) : undefined;
  const dash = (v: string | null | undefined) => v || '—';

  return (
    <Drawer
      open
      title={person ? person.name : t('persons.detail')}
      onClose={onClose}
      size={mobile ? '100%' : 600}
      destroyOnHidden
      extra={
        person && mayRegister && person.status === 'active' ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {!person && <DetailStatus detail={detail} />}
      {person && (
        <div data-testid="person-detail">
          {person.status === 'merged' && (
            <Tag color="default" style={{ marginBottom: 12 }}>
              {t('persons.status.merged')}
            </Tag>
          )}
          <CaseBadge value={theCase} />
          <PersonTags tags={person.tags} />
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            bordered
            style={{ marginTop: 12 }}
            items={[
              { key: 'name', label: t('persons.name'), children: person.name },
              { key: 'sex', label: t('persons.sex'), children: person.sex ? t(`sex.${person.sex}`) : '—' },
              { key: 'birth', label: t('persons.birthDate'), children: dash(person.birthDate) },
              {
                key: 'idType',
                label: t('persons.idType'),
                children: person.idNumber ? t(`idType.${person.idType}`) : '—',
              },
              {
                key: 'id',
                label: t('persons.idNumber'),
                span: mobile ? 1 : 2,
                children: (
                  <MaskedReveal
                    key={`id-${person.id}`}
                    masked={person.idNumber}
                    reveal={reveal('idNumber')}
                    label={t('persons.revealId')}
                    testId="id"
                  />
                ),
              },
              ...(person.nationality
                ? [{ key: 'nat', label: t('persons.nationality'), children: person.nationality }]
                : []),
              {
                key: 'phone',
                label: t('persons.phone'),
                span: mobile ? 1 : 2,
                children: <MaskedReveal key={`ph-${person.id}`} masked={person.phone} reveal={reveal('phone')} />,
              },
              { key: 'region', label: t('persons.region'), span: mobile ? 1 : 2, children: dash(person.regionName) },
              {
                key: 'household',
                label: t('persons.household'),
                span: mobile ? 1 : 2,
                children: person.householdId ? (
                  <Link to={`/households/${person.householdId}`} data-testid="person-household-link">
                    <HomeOutlined /> {t('persons.openHousehold')}
                    {person.relation ? ` · ${t(`relation.${person.relation as 'head'}`)}` : ''}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{t('persons.noHousehold')}</Typography.Text>
                ),
              },
              { key: 'away', label: t('persons.away'), children: person.away ? t('common.yes') : t('common.no') },
              { key: 'updated', label: t('persons.updatedAt'), children: formatTime(person.updatedAt, locale) },
              ...(person.note
                ? [{ key: 'note', label: t('persons.note'), span: mobile ? 1 : 2, children: person.note }]
                : []),
            ]}
          />
          {person.returnee && (
            <>
              <Divider titlePlacement="start">{t('persons.returnee')}</Divider>
              <Descriptions
                size="small"
                column={mobile ? 1 : 2}
                bordered
                data-testid="person-returnee"
                items={[
                  { key: 'from', label: t('persons.returneeFrom'), children: person.returnee.from },
                  { key: 'arrival', label: t('persons.arrivalDate'), children: person.returnee.arrivalDate },
                  {
                    key: 'transport',
                    label: t('persons.transport'),
                    children: t(`transport.${person.returnee.transport}`),
                  },
                  { key: 'no', label: t('persons.transportNo'), children: dash(person.returnee.transportNo) },
                ]}
              />
            </>
          )}
          {mayRegister && person.status === 'active' && (
            <>
              <Divider titlePlacement="start">{t('dup.title')}</Divider>
              <PersonDuplicates person={person} onChanged={changed} />
            </>
          )}
        </div>
      )}
      {editing && person && (
        <PersonFormDrawer
          editing={person}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            changed();
          }}
          onOpenExisting={(p) => onOpen(p.id)}
        />
      )}
    </Drawer>
  );
}
