import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Tr } from './messages';
import { publicApi, PublicError, type Lang, type PublicSeekNoticeView } from './publicApi';

type Field = 'name' | 'phone' | 'whereNow' | 'idNumber' | 'seat';
const MOBILE = /^1[3-9]\d{9}$/;

/** "1月20日 19:00 – 22:00" (or the English order) in the phone's time. */
function windowOf(from: string, to: string, lang: Lang): string {
  const a = new Date(from);
  const b = new Date(to);
  const day = (d: Date) =>
    lang === 'en'
      ? d.toLocaleDateString('en', { month: 'short', day: 'numeric' })
      : `${d.getMonth() + 1}月${d.getDate()}日`;
  const hm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const sameDay = a.toDateString() === b.toDateString();
  return `${day(a)} ${hm(a)} – ${sameDay ? '' : `${day(b)} `}${hm(b)}`;
}

/**
 * 寻人通告's public page (/n/<slug>): the notice, the hotline to call, and the form "I was there"
 * (name, phone, where I am now; ID number and seat if known). The answer only ever says "received";
 * a closed notice says it has ended.
 */
export function NoticePage({ slug, lang, tr }: { slug: string; lang: Lang; tr: Tr }) {
  const [notice, setNotice] = useState<PublicSeekNoticeView | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    phone: '',
    whereNow: '',
    idNumber: '',
    seat: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  const load = useCallback(() => {
    publicApi
      .seekNotice(lang, slug)
      .then((n) => {
        setNotice(n);
        setFailure(null);
      })
      .catch((err: unknown) => setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')));
  }, [lang, slug]);
  useEffect(load, [load]);

  const ended = failure?.code === 'NOTICE_CLOSED' || (notice !== null && !notice.open);
  if (ended) {
    return (
      <section className="pub-card" data-testid="notice-closed">
        <h1>{tr('noticeClosed')}</h1>
        <p className="pub-muted">{tr('noticeClosedHint')}</p>
      </section>
    );
  }
  if (failure && !notice) {
    return (
      <section className="pub-card" data-testid="notice-invalid">
        <p className="pub-error">
          {failure.code === 'NETWORK'
            ? tr('network')
            : failure.code === 'NOTICE_NOT_FOUND' || failure.status === 404 || failure.code === 'VALIDATION'
              ? tr('noticeNotFound')
              : failure.message}
        </p>
        {(failure.code === 'NETWORK' || failure.code === 'RATE_LIMITED') && (
          <button type="button" className="pub-button" onClick={load}>
            {tr('retry')}
          </button>
        )}
      </section>
    );
  }
  if (!notice) return <p className="pub-card">{tr('loading')}</p>;

  const set = (field: Field) => (e: { target: { value: string } }) => {
    setValues({ ...values, [field]: e.target.value });
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = tr('required');
    if (!MOBILE.test(values.phone.trim())) found.phone = tr('phoneInvalid');
    if (!values.whereNow.trim()) found.whereNow = tr('required');
    const id = values.idNumber.trim();
    if (id && !/^[0-9A-Za-z]{6,30}$/.test(id)) found.idNumber = tr('idInvalid');
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const problems = check();
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length) return;
    setSending(true);
    try {
      await publicApi.reportToSeekNotice(lang, slug, {
        name: values.name.trim(),
        phone: values.phone.trim(),
        whereNow: values.whereNow.trim(),
        idNumber: values.idNumber.trim() || null,
        seat: values.seat.trim() || null,
      });
      setSent(true);
    } catch (err) {
      if (!(err instanceof PublicError) || err.code === 'NETWORK') setFormError(tr('network'));
      else if (err.code === 'NOTICE_CLOSED') load();
      else if (err.code === 'RATE_LIMITED') setFormError(tr('rateLimited'));
      else if (err.code === 'ID_NUMBER_INVALID') setErrors({ idNumber: err.message });
      else if (err.code === 'VALIDATION') {
        const issues = (err.details?.issues as { path: string[]; message: string }[] | undefined) ?? [];
        const byField: Partial<Record<Field, string>> = {};
        for (const issue of issues) {
          const field = issue.path[issue.path.length - 1] as Field;
          if (field in values)
            byField[field] =
              field === 'phone' ? tr('phoneInvalid') : field === 'idNumber' ? tr('idInvalid') : tr('required');
        }
        if (Object.keys(byField).length) setErrors(byField);
        else setFormError(err.message);
      } else setFormError(err.message);
    } finally {
      setSending(false);
    }
  };

  const input = (
    field: Field,
    label: string,
    props: {
      inputMode?: 'tel' | 'text';
      autoComplete?: string;
      placeholder?: string;
      optional?: boolean;
      maxLength: number;
    },
  ) => (
    <>
      <label className="pub-label" htmlFor={`notice-${field}`}>
        {label}
        {props.optional && <span className="pub-optional"> {tr('optional')}</span>}
      </label>
      <input
        id={`notice-${field}`}
        className={`pub-input${errors[field] ? ' pub-input-invalid' : ''}`}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        value={values[field]}
        onChange={set(field)}
        aria-invalid={!!errors[field]}
        data-testid={`notice-${field}`}
      />
      {errors[field] && (
        <p className="pub-error pub-field-error" data-testid={`notice-${field}-error`}>
          {errors[field]}
        </p>
      )}
    </>
  );

  return (
    <>
      <section className="pub-card" data-testid="notice-view">
        <h1 data-testid="notice-heading">{notice.title}</h1>
        {notice.regionName && <p className="pub-muted">{notice.regionName}</p>}
        <dl className="pub-facts">
          {notice.plate && (
            <div>
              <dt>{tr('plate')}</dt>
              <dd className="pub-plate">{notice.plate}</dd>
            </div>
          )}
          {notice.place && (
            <div>
              <dt>{tr('place')}</dt>
              <dd>{notice.place}</dd>
            </div>
          )}
          <div>
            <dt>{tr('when')}</dt>
            <dd>{windowOf(notice.windowFrom, notice.windowTo, lang)}</dd>
          </div>
        </dl>
        <p className="pub-body" data-testid="notice-text">
          {notice.body}
        </p>
        <a
          className="pub-button pub-call"
          href={`tel:${notice.hotline.replace(/[^\d+]/g, '')}`}
          data-testid="notice-hotline"
        >
          {tr('call', { hotline: notice.hotline })}
        </a>
      </section>

      <section className="pub-card" data-testid="notice-form-card">
        {sent ? (
          <div data-testid="notice-thanks">
            <h2>{tr('thanks')}</h2>
            <p className="pub-notice pub-notice-ok" role="status">
              {tr('thanksHint')}
            </p>
          </div>
        ) : (
          <form onSubmit={submit} noValidate data-testid="notice-form">
            <h2>{notice.plate ? tr('iWasOnBoard') : tr('iWasThere')}</h2>
            <p className="pub-muted">{tr('formHint')}</p>
            {input('name', tr('name'), { autoComplete: 'name', maxLength: 50 })}
            {input('phone', tr('phone'), {
              inputMode: 'tel',
              autoComplete: 'tel',
              placeholder: '13800000000',
              maxLength: 11,
            })}
            {input('whereNow', tr('whereNow'), { placeholder: tr('whereNowHint'), maxLength: 200 })}
            {input('idNumber', tr('idNumber'), { optional: true, autoComplete: 'off', maxLength: 30 })}
            {input('seat', notice.plate ? tr('seat') : tr('spot'), { optional: true, maxLength: 20 })}
            {formError && (
              <p className="pub-notice pub-notice-error" role="alert" data-testid="notice-form-error">
                {formError}
              </p>
            )}
            <button type="submit" className="pub-button pub-primary" disabled={sending} data-testid="notice-submit">
              {sending ? tr('sending') : tr('submit')}
            </button>
            <p className="pub-muted pub-small">{tr('privacy')}</p>
          </form>
        )}
      </section>
    </>
  );
}
