import '../app/strict-csp';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { en, zh, type Tr } from './messages';
import type { Lang } from './publicApi';
import { Announcements } from './Announcements';
import { CalloutAnswer, calloutTitle } from './CalloutAnswer';
import { CalloutPoint } from './CalloutPoint';
import { NoticePage } from './Notice';
import { SelfReport } from './SelfReport';
import { LedgerPage } from './LedgerPage';
import { ledgerEn, ledgerZh } from './ledger-messages';
import { Verify } from './Verify';
import { VolunteerSignup } from './VolunteerSignup';
import { VolunteerSelf } from './VolunteerSelf';
import { volunteerSelfEn, volunteerSelfZh } from './volunteer-self-messages';
import { volunteerEn, volunteerZh } from './volunteer-messages';
import { VerifyService, serviceCertTitle } from './VerifyService';
import { mobilisationTr, ReportIn } from './ReportIn';
import { PledgeSign } from './PledgeSign';
import './public.css';

const STORAGE_KEY = 'qf_locale';

/** The header's title for each kind of no-login page (the first path segment). */
function titleOf(kind: string | undefined, lang: Lang, tr: Tr): string {
  switch (kind) {
    case 'ledger':
      return (lang === 'en' ? ledgerEn : ledgerZh).title;
    case 'verify':
      return tr('verifyTitle');
    case 'n':
      return tr('noticeTitle');
    case 'a':
      return tr('announcementsTitle');
    case 'c':
      return calloutTitle(lang);
    case 'bd':
      return mobilisationTr(lang)('reportTitle');
    case 'qz':
      return mobilisationTr(lang)('pledgeTitle');
    case 'vs':
      return serviceCertTitle(lang);
    case 'v':
      return (lang === 'en' ? volunteerEn : volunteerZh).title;
    case 'vt':
      return (lang === 'en' ? volunteerSelfEn : volunteerSelfZh).title;
    default:
      return tr('title');
  }
}

function initialLang(): Lang {
  try {
    if (localStorage.getItem(STORAGE_KEY) === 'en') return 'en';
  } catch {
    // private mode
  }
  return 'zh-CN';
}

/**
 * The pages that work without logging in, on a cheap phone: React and a few kilobytes of CSS, no
 * component library. /r/<token> is an isolated person's self-report link; /verify/<code> checks an
 * end-of-observation certificate; /n/<slug> is a seek notice (寻人通告) with its "I was there" form;
 * /a and /a/<slug> are the public announcements (公告); /c/<token> answers a call-out (集结令);
 * /c/at/<code> is a call-out's meeting point QR (check in by scanning); /v/<token> is a village's
 * volunteer sign-up (志愿者报名); /vt/<token> is a volunteer's own page (个人签到链接); /vs/<code> checks a volunteer-service certificate; /bd/<slug> is a
 * community's 报到 poster link and /qz/<slug> a unit's pledge (请战书) link; /ledger is the public
 * supplies ledger (捐赠物资公示).
 */
function PublicApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const dict = lang === 'en' ? en : zh;
  const tr: Tr = (key, vars) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const [, kind, token = '', pointCode = ''] = window.location.pathname.split('/');
  const toggle = () => {
    const next: Lang = lang === 'en' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: this page only
    }
    document.documentElement.lang = next;
    setLang(next);
  };

  return (
    <>
      <header className="pub-header">
        <span className="pub-brand">群防</span>
        <span className="pub-title">{titleOf(kind, lang, tr)}</span>
        <button type="button" className="pub-lang" onClick={toggle} data-testid="public-lang">
          {tr('lang')}
        </button>
      </header>
      <main className="pub-main">
        {kind === 'ledger' ? (
          <LedgerPage key={lang} lang={lang} />
        ) : kind === 'r' ? (
          <SelfReport key={lang} token={token} lang={lang} tr={tr} />
        ) : kind === 'vt' ? (
          <VolunteerSelf key={lang} token={token} lang={lang} />
        ) : kind === 'v' ? (
          <VolunteerSignup key={lang} token={token} lang={lang} />
        ) : kind === 'n' ? (
          <NoticePage key={lang} slug={token} lang={lang} tr={tr} />
        ) : kind === 'verify' ? (
          <Verify key={lang} code={token} lang={lang} tr={tr} />
        ) : kind === 'vs' ? (
          <VerifyService key={lang} code={token} lang={lang} />
        ) : kind === 'c' && token === 'at' ? (
          <CalloutPoint key={lang} code={pointCode} lang={lang} />
        ) : kind === 'c' ? (
          <CalloutAnswer key={lang} token={token} lang={lang} />
        ) : kind === 'bd' ? (
          <ReportIn key={lang} slug={token} lang={lang} />
        ) : kind === 'qz' ? (
          <PledgeSign key={lang} slug={token} lang={lang} />
        ) : kind === 'a' ? (
          <Announcements key={`${lang}-${token}`} slug={token} lang={lang} tr={tr} />
        ) : (
          <p className="pub-card">{tr('invalidLink')}</p>
        )}
      </main>
    </>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from public.html');
createRoot(root).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
