import { useCallback, useEffect, useState } from 'react';
import type { GapHousehold, Round } from '../../../shared/screening';
import { useFeedback } from '../../app/feedback';
import { screeningApi, sumCoverage } from './screeningApi';

const STORAGE_KEY = 'qf_field_round';
/** Past this many gaps the list is not loaded whole, and "visited" cannot be told from it. */
const GAP_LIMIT = 10_000;

export interface FieldProgress {
  households: number;
  visited: number;
  notHome: number;
  never: number;
}

function storedRound(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The open screening round a worker is calling for (the one chosen last on this device, else the
 * newest), the coverage of their area in it, and its gaps — households not yet visited — which is
 * how the field screen marks each search hit as visited or not. `refresh()` after each visit.
 */
export function useFieldRound() {
  const feedback = useFeedback();
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [roundId, setRoundId] = useState<string | null>(storedRound);
  const [progress, setProgress] = useState<FieldProgress | null>(null);
  const [gaps, setGaps] = useState<Map<string, GapHousehold> | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    screeningApi
      .rounds()
      .then((items) => setRounds(items.filter((r) => r.status === 'open')))
      .catch((err: unknown) => {
        feedback.error(err);
        setRounds([]);
      });
  }, [feedback]);

  const round = rounds?.find((r) => r.id === roundId) ?? rounds?.[0] ?? null;
  const currentId = round?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    if (!currentId) return;
    let cancelled = false;
    screeningApi
      .coverage(currentId, 'grid')
      .then((rows) => !cancelled && setProgress(sumCoverage(rows)))
      .catch((err: unknown) => !cancelled && feedback.error(err));
    screeningApi
      .allGaps(currentId)
      .then(
        (items) =>
          !cancelled && setGaps(items.length >= GAP_LIMIT ? null : new Map(items.map((g) => [g.householdId, g]))),
      )
      .catch((err: unknown) => !cancelled && feedback.error(err));
    return () => {
      cancelled = true;
    };
  }, [currentId, generation, feedback]);

  const choose = useCallback((id: string) => {
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setRoundId(id);
    setProgress(null);
    setGaps(null);
  }, []);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  return { rounds, round, choose, progress, gaps, refresh };
}

export type HouseholdStatus = 'visited' | 'never' | 'not_home' | 'outside' | 'unknown';

/** A household's standing in the round: outside its regions, in the gaps (never / not home), or visited. */
export function statusIn(
  round: Round,
  gaps: Map<string, GapHousehold> | null,
  household: { id: string; regionPath: string },
): HouseholdStatus {
  if (!round.regions.some((r) => household.regionPath.startsWith(r.path))) return 'outside';
  if (!gaps) return 'unknown';
  return gaps.get(household.id)?.status ?? 'visited';
}
