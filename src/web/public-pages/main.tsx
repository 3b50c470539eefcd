import '../app/strict-csp';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { en, zh, type Tr } from './messages';
import type { Lang } from './publicApi';
import { Announcements } from './Announcements';
import { CalloutAnswer, calloutTitle } from './CalloutAnswer';
import { NoticePage } from './Notice';
import { SelfReport } from './SelfReport';
import { Verify } from './Verify';
import { LedgerPage } from './LedgerPage';
import { ledgerEn, ledgerZh } from './ledger-messages';
import './public.css';

const STORAGE_KEY = 'qf_locale';

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
 * /a and /a/<slug> are the public announcements (公告); /c/<token> answers a call-out (集结令).
 */
function PublicApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const dict = lang === 'en' ? en : zh;
  const tr: Tr = (key, vars) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const [, kind, token = ''] = window.location.pathname.split('/');
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
        <span className="pub-title">
          {kind === 'ledger'
            ? (lang === 'en' ? ledgerEn : ledgerZh).title
            : kind === 'verify'
              ? tr('verifyTitle')
              : kind === 'n'
                ? tr('noticeTitle')
                : kind === 'a'
                  ? tr('announcementsTitle')
                  : kind === 'c'
                    ? calloutTitle(lang)
                    : tr('title')}
        </span>
        <button type="button" className="pub-lang" onClick={toggle} data-testid="public-lang">
          {tr('lang')}
        </button>
      </header>
      <main className="pub-main">
        {kind === 'ledger' ? (
          <LedgerPage key={lang} lang={lang} />
        ) : kind === 'r' ? (
          <SelfReport key={lang} token={token} lang={lang} tr={tr} />
        ) : kind === 'n' ? (
          <NoticePage key={lang} slug={token} lang={lang} tr={tr} />
        ) : kind === 'verify' ? (
          <Verify key={lang} code={token} lang={lang} tr={tr} />
        ) : kind === 'c' ? (
          <CalloutAnswer key={lang} token={token} lang={lang} />
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
