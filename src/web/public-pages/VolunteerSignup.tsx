import { useEffect, useState, type FormEvent } from 'react';
import type { PublicSignupPlace, Skill } from '../../shared/volunteers';
import { publicApi, PublicError, type Lang } from './publicApi';
import { volunteerEn, volunteerZh, type VolunteerKey } from './volunteer-messages';

/** The call-outs' skills, repeated so this bundle loads no zod (the compiler checks the list). */
const SKILLS = [
  'driver',
  'medical',
  'interpreter',
  'disinfection',
  'psychological',
] as const satisfies readonly Skill[];
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** The three parts of a day a villager picks, as the weekly ranges the registry keeps. */
const PERIODS = { morning: ['08:00', '12:00'], afternoon: ['13:00', '18:00'], evening: ['18:00', '21:00'] } as const;
type Period = keyof typeof PERIODS;
type Field = 'name' | 'idNumber' | 'phone' | 'fever' | 'contact' | 'travel' | 'returnedOn';
type YesNo = boolean | null;

/**
 * 志愿者报名 (/v/<token>): a village's or community's public sign-up page, from the QR code on its
 * poster, on a phone, no login. Name, ID number, mobile, skills, the days and parts of the day they
 * can help, and the health declaration; the answer says what happens next (the village approves,
 * then phones). The village is the link's; nothing private is ever shown.
 */
export function VolunteerSignup({ token, lang }: { token: string; lang: Lang }) {
  const dict = lang === 'en' ? volunteerEn : volunteerZh;
  const tr = (key: VolunteerKey, vars?: Record<string, string>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? vars[name]! : whole));
  const [place, setPlace] = useState<PublicSignupPlace | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);
  const [values, setValues] = useState({ name: '', idNumber: '', phone: '', riskArea: '', returnedOn: '' });
  const [skills, setSkills] = useState<Skill[]>([]);
  const [days, setDays] = useState<number[]>([]);
  const [periods, setPeriods] = useState<Period[]>([]);
  const [health, setHealth] = useState<{ fever: YesNo; contact: YesNo; travel: YesNo }>({
    fever: null,
    contact: null,
    travel: null,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<{ flagged: boolean; selfPath: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    publicApi
      .volunteerPlace(lang, token)
      .then((p) => !cancelled && setPlace(p))
      .catch(
        (err: unknown) =>
          !cancelled && setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')),
      );
    return () => {
      cancelled = true;
    };
  }, [lang, token]);

  if (failure && !place)
    return (
      <section className="pub-card" data-testid="volunteer-failure">
        <p className="pub-verdict pub-verdict-bad">{failure.code === 'NETWORK' ? tr('network') : tr('notFound')}</p>
      </section>
    );
  if (!place) return <p className="pub-card">{tr('loading')}</p>;
  if (sent)
    return (
      <section className="pub-card" data-testid="volunteer-thanks">
        <h1>{tr('thanks')}</h1>
        <p className="pub-notice pub-notice-ok" role="status">
          {tr('next')}
        </p>
        {sent.flagged && <p className="pub-notice pub-notice-warn">{tr('nextHealth')}</p>}
        <p>{tr('selfLink')}</p>
        <p className="pub-body">
          <a href={sent.selfPath} data-testid="volunteer-self-link">
            {`${window.location.origin}${sent.selfPath}`}
          </a>
        </p>
        <p className="pub-muted">{tr('selfLinkKeep')}</p>
      </section>
    );

  const toggle = <T,>(list: T[], set: (l: T[]) => void, x: T) =>
    set(list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const problems: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) problems.name = tr('required');
    if (!/^\d{17}[\dXx]$/.test(values.idNumber.trim())) problems.idNumber = tr('idInvalid');
    if (!/^1[3-9]\d{9}$/.test(values.phone.trim())) problems.phone = tr('phoneInvalid');
    for (const q of ['fever', 'contact', 'travel'] as const) if (health[q] === null) problems[q] = tr('answer');
    if (health.travel && !values.returnedOn) problems.returnedOn = tr('required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setSending(true);
    try {
      const received = await publicApi.volunteerSignup(lang, token, {
        name: values.name.trim(),
        idNumber: values.idNumber.trim().toUpperCase(),
        phone: values.phone.trim(),
        skills,
        availability: days.flatMap((weekday) =>
          periods.map((p) => ({ weekday, from: PERIODS[p][0], to: PERIODS[p][1] })),
        ),
        healthDeclaration: {
          feverOrCough14Days: !!health.fever,
          caseContact: !!health.contact,
          riskAreaTravel: !!health.travel,
          riskArea: health.travel ? values.riskArea.trim() || null : null,
          riskAreaReturnedOn: health.travel ? values.returnedOn : null,
        },
      });
      setSent({ flagged: !!(health.fever || health.contact || health.travel), selfPath: received.selfLink.path });
    } catch (err) {
      const code = err instanceof PublicError ? err.code : 'NETWORK';
      if (code === 'ID_NUMBER_INVALID') setErrors({ idNumber: tr('idInvalid') });
      else if (code === 'ID_NUMBER_NAME_MISMATCH') setErrors({ name: tr('nameMismatch') });
      else
        setFormError(
          code === 'VOLUNTEER_EXISTS'
            ? tr('exists')
            : code === 'RATE_LIMITED'
              ? tr('tooMany')
              : code === 'VOLUNTEER_SIGNUP_LINK_INVALID'
                ? tr('notFound')
                : code === 'NETWORK'
                  ? tr('network')
                  : (err as Error).message,
        );
    } finally {
      setSending(false);
    }
  };

  const input = (
    field: 'name' | 'idNumber' | 'phone',
    props: { inputMode?: 'tel' | 'text'; autoComplete?: string; maxLength: number },
  ) => (
    <>
      <label className="pub-label" htmlFor={`volunteer-${field}`}>
        {tr(field)}
      </label>
      <input
        id={`volunteer-${field}`}
        className={`pub-input${errors[field] ? ' pub-input-invalid' : ''}`}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        value={values[field]}
        onChange={(e) => setValues({ ...values, [field]: e.target.value })}
        aria-invalid={!!errors[field]}
        data-testid={`volunteer-${field}`}
      />
      {errors[field] && (
        <p className="pub-error pub-field-error" data-testid={`volunteer-${field}-error`}>
          {errors[field]}
        </p>
      )}
    </>
  );
  const chip = (on: boolean, label: string, onChange: () => void, testId: string) => (
    <label key={testId} className={`pub-chip${on ? ' pub-chip-on' : ''}`}>
      <input type="checkbox" checked={on} onChange={onChange} data-testid={testId} />
      {label}
    </label>
  );
  const question = (q: 'fever' | 'contact' | 'travel') => (
    <>
      <p className="pub-label">{tr(q)}</p>
      <div className="pub-chips">
        {([false, true] as const).map((answer) =>
          chip(
            health[q] === answer,
            tr(answer ? 'yes' : 'no'),
            () => setHealth({ ...health, [q]: answer }),
            `volunteer-${q}-${answer ? 'yes' : 'no'}`,
          ),
        )}
      </div>
      {errors[q] && <p className="pub-error pub-field-error">{errors[q]}</p>}
    </>
  );

  return (
    <section className="pub-card" data-testid="volunteer-form-card">
      <h1>{tr('title')}</h1>
      <p className="pub-muted" data-testid="volunteer-place">
        {tr('serveIn', { place: [place.townshipName, place.regionName].filter(Boolean).join(' ') })}
      </p>
      <p className="pub-body">{tr('intro')}</p>
      <form onSubmit={submit} noValidate data-testid="volunteer-form">
        {input('name', { autoComplete: 'name', maxLength: 50 })}
        {input('idNumber', { autoComplete: 'off', maxLength: 18 })}
        {input('phone', { inputMode: 'tel', autoComplete: 'tel', maxLength: 11 })}
        <p className="pub-label">{tr('skills')}</p>
        <div className="pub-chips">
          {SKILLS.map((s) =>
            chip(skills.includes(s), tr(`skill.${s}`), () => toggle(skills, setSkills, s), `volunteer-skill-${s}`),
          )}
        </div>
        <p className="pub-label">{tr('days')}</p>
        <div className="pub-chips">
          {DAYS.map((d) =>
            chip(days.includes(d), tr(`day.${d}`), () => toggle(days, setDays, d), `volunteer-day-${d}`),
          )}
        </div>
        <p className="pub-label">{tr('periods')}</p>
        <div className="pub-chips">
          {(Object.keys(PERIODS) as Period[]).map((p) =>
            chip(periods.includes(p), tr(`period.${p}`), () => toggle(periods, setPeriods, p), `volunteer-period-${p}`),
          )}
        </div>
        <h2>{tr('health')}</h2>
        {question('fever')}
        {question('contact')}
        {question('travel')}
        {health.travel && (
          <>
            <label className="pub-label" htmlFor="volunteer-riskArea">
              {tr('riskArea')}
            </label>
            <input
              id="volunteer-riskArea"
              className="pub-input"
              maxLength={50}
              value={values.riskArea}
              onChange={(e) => setValues({ ...values, riskArea: e.target.value })}
            />
            <label className="pub-label" htmlFor="volunteer-returnedOn">
              {tr('returnedOn')}
            </label>
            <input
              id="volunteer-returnedOn"
              type="date"
              className={`pub-input${errors.returnedOn ? ' pub-input-invalid' : ''}`}
              value={values.returnedOn}
              onChange={(e) => setValues({ ...values, returnedOn: e.target.value })}
              data-testid="volunteer-returnedOn"
            />
            {errors.returnedOn && <p className="pub-error pub-field-error">{errors.returnedOn}</p>}
          </>
        )}
        <p className="pub-muted">{tr('promise')}</p>
        {formError && (
          <p className="pub-notice pub-notice-error" role="alert" data-testid="volunteer-form-error">
            {formError}
          </p>
        )}
        <button type="submit" className="pub-button pub-primary" disabled={sending} data-testid="volunteer-submit">
          {sending ? tr('sending') : tr('submit')}
        </button>
        <p className="pub-muted pub-small">{tr('privacy')}</p>
      </form>
    </section>
  );
}
