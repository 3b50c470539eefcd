import type { InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../app/api';
import { checkpointApi } from './checkpointApi';
import { emptyOccupant, idProblem, movedPhone, type OccupantDraft } from './occupants';

type Field = 'id' | 'name' | 'phone' | 'temp';

/**
 * The occupants being typed, their inputs and where the focus goes next. An 18-character ID number
 * that passes the check digit is looked up at once; `afterId` waits for that lookup so Enter or Tab
 * lands on the name only when the registry did not know the person.
 */
export function useOccupants() {
  const [rows, setRows] = useState<OccupantDraft[]>(() => [emptyOccupant()]);
  const [focus, setFocus] = useState<{ key: string; field: Field } | null>(null);
  const inputs = useRef(new Map<string, InputRef | null>());
  const lookups = useRef(new Map<string, Promise<string | null>>());

  useEffect(() => {
    if (!focus) return;
    setFocus(null);
    inputs.current.get(`${focus.key}:${focus.field}`)?.focus({ cursor: 'all' });
  }, [focus]);

  const focusOn = useCallback((key: string, field: Field) => setFocus({ key, field }), []);
  const refOf = (key: string, field: Field) => (el: InputRef | null) => {
    inputs.current.set(`${key}:${field}`, el);
  };

  const patch = useCallback((key: string, change: Partial<OccupantDraft>) => {
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...change } : r)));
  }, []);

  const lookUp = useCallback(
    (key: string, idNumber: string) => {
      patch(key, { lookup: 'loading', facts: null });
      const promise = checkpointApi.lookup(idNumber).then(
        (found) => {
          setRows((prev) =>
            prev.map((r) =>
              r.key === key && r.idNumber === idNumber
                ? { ...r, name: found.name, lookup: 'found', facts: { sex: found.sex, birthDate: found.birthDate } }
                : r,
            ),
          );
          return found.name;
        },
        (err: unknown) => {
          // not registered (or the lookup failed): the crew types the name
          if (!(err instanceof ApiError) || err.code !== 'PERSON_NOT_FOUND') console.warn(err);
          setRows((prev) =>
            prev.map((r) => (r.key === key && r.idNumber === idNumber ? { ...r, lookup: 'unknown' } : r)),
          );
          return null;
        },
      );
      lookups.current.set(key, promise);
    },
    [patch],
  );

  /** The ID number typed: a full, valid one is looked up; a changed one forgets the last lookup. */
  const changeId = useCallback(
    (row: OccupantDraft, idNumber: string) => {
      const was = row.lookup === 'found' ? { name: '' } : {};
      patch(row.key, { idNumber, lookup: 'idle', facts: null, error: null, ...(row.idNumber !== idNumber ? was : {}) });
      lookups.current.delete(row.key);
      if (idNumber.length === 18 && !idProblem(idNumber)) lookUp(row.key, idNumber);
    },
    [patch, lookUp],
  );

  /**
   * After the ID number: the temperature when the name is known (waiting for the lookup), else the
   * name. A mobile number typed there moves to the phone field and the name comes next.
   */
  const afterId = useCallback(
    async (row: OccupantDraft) => {
      const moved = movedPhone(row);
      if (moved) {
        patch(row.key, moved);
        return focusOn(row.key, row.name.trim() ? 'temp' : 'name');
      }
      const found = (await lookups.current.get(row.key)) ?? null;
      focusOn(row.key, found || row.name.trim() ? 'temp' : 'name');
    },
    [focusOn, patch],
  );

  /**
   * After the name: the mobile when nothing else identifies the person (no ID number, no phone
   * yet), else the temperature — the ID-number flow keeps its keystrokes; Tab still reaches the mobile.
   */
  const afterName = useCallback(
    (row: OccupantDraft) => {
      focusOn(row.key, row.personId || row.idNumber.trim() || row.phone.trim() ? 'temp' : 'phone');
    },
    [focusOn],
  );

  /** After a temperature: the next occupant's first empty field, or a new occupant. */
  const afterTemp = useCallback(
    (row: OccupantDraft) => {
      const index = rows.findIndex((r) => r.key === row.key);
      const next = rows[index + 1];
      if (next) return focusOn(next.key, next.personId ? 'temp' : 'id');
      const added = emptyOccupant();
      setRows((prev) => [...prev, added]);
      focusOn(added.key, 'id');
    },
    [rows, focusOn],
  );

  const remove = useCallback((key: string) => {
    setRows((prev) => (prev.length > 1 ? prev.filter((r) => r.key !== key) : prev));
  }, []);

  /** "Same occupants as last time": the list replaced, the first temperature focused. */
  const replaceAll = useCallback(
    (next: OccupantDraft[]) => {
      setRows(next.length ? next : [emptyOccupant()]);
      if (next[0]) focusOn(next[0].key, next[0].personId ? 'temp' : 'id');
    },
    [focusOn],
  );

  return { rows, setRows, patch, changeId, afterId, afterName, afterTemp, remove, replaceAll, focusOn, refOf };
}
