import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Card, Empty, Progress, Select, Spin, Typography, type InputRef } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { rateColor } from './rateColor';
import { FieldSearch } from './FieldSearch';
import { useFieldRound } from './useFieldRound';
import { VisitForm, type VisitDone } from './VisitForm';

// Loaded when first opened: the household form (its region tree) is not part of the first screen.
const HouseholdFormModal = lazy(() =>
  import('../households/HouseholdFormModal').then((m) => ({ default: m.HouseholdFormModal })),
);

/**
 * 入户登记: the grid worker's page at the door, made for a phone and for the keyboard. The open
 * round and the progress of the worker's area on top; then find the household (search, Enter),
 * check each member, submit, and be back at the search for the next door.
 */
export default function FieldPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { rounds, round, choose, progress, gaps, refresh } = useFieldRound();
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [done, setDone] = useState<VisitDone | null>(null);
  const [addingHousehold, setAddingHousehold] = useState(false);
  const [searchKey, setSearchKey] = useState(0);
  const searchRef = useRef<InputRef>(null);

  const backToSearch = () => {
    setHouseholdId(null);
    setTimeout(() => searchRef.current?.focus({ cursor: 'all' }), 0);
  };

  const finished = (visit: VisitDone) => {
    setDone(visit);
    setSearchKey((k) => k + 1);
    refresh();
    message.success({ content: t('field.saved'), key: 'field-done' });
    backToSearch();
  };

  if (rounds === null) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (!round) {
    return (
      <Card>
        <Empty description={t('field.noRound')} />
      </Card>
    );
  }

  const rate = progress?.households ? progress.visited / progress.households : 0;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Card size="small" style={{ marginBottom: 10 }} data-testid="field-progress">
        {rounds.length > 1 ? (
          <Select
            data-testid="round-select"
            value={round.id}
            onChange={choose}
            options={rounds.map((r) => ({ value: r.id, label: r.name }))}
            style={{ width: '100%', marginBottom: 6 }}
            aria-label={t('field.chooseRound')}
          />
        ) : (
          <Typography.Text strong style={{ display: 'block' }}>
            {round.name}
          </Typography.Text>
        )}
        {progress ? (
          <>
            <Typography.Text>
              {t('field.progress', { visited: progress.visited, total: progress.households })}
            </Typography.Text>
            <Progress percent={Math.floor(rate * 1000) / 10} strokeColor={rateColor(rate)} style={{ margin: 0 }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('field.progressDetail', { never: progress.never, notHome: progress.notHome })}
            </Typography.Text>
          </>
        ) : (
          <Spin size="small" />
        )}
      </Card>
      {householdId && (
        <Card size="small">
          <VisitForm
            key={householdId}
            round={round}
            householdId={householdId}
            onBack={backToSearch}
            onDone={finished}
          />
        </Card>
      )}
      {/* The search stays mounted under a visit, so going back finds the same hits; a finished visit starts it afresh. */}
      <div style={{ display: householdId ? 'none' : undefined }}>
        {done && (
          <Alert
            data-testid="field-done"
            type={done.keyPersons ? 'warning' : 'success'}
            showIcon
            icon={<CheckCircleFilled />}
            closable={{ onClose: () => setDone(null) }}
            title={t('field.done', { address: done.address, outcome: t(`outcome.${done.outcome}`) })}
            description={done.keyPersons ? t('field.doneKey', { n: done.keyPersons }) : undefined}
            style={{ marginBottom: 10 }}
          />
        )}
        <Card size="small">
          <FieldSearch
            key={searchKey}
            round={round}
            gaps={gaps}
            inputRef={searchRef}
            onSelect={setHouseholdId}
            onAddHousehold={() => setAddingHousehold(true)}
          />
        </Card>
      </div>
      {addingHousehold && (
        <Suspense fallback={<Spin />}>
          <HouseholdFormModal
            onClose={() => setAddingHousehold(false)}
            onSaved={(household) => {
              setAddingHousehold(false);
              setHouseholdId(household.id);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
