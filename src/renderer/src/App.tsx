/** The window: navigation between the five pages, and the state they share (report, settings). */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../shared/finding';
import type { AtttApi, FocusTarget, Page, PolicyView } from '../../shared/ipc-contract';
import type { Report } from '../../shared/report';
import type { Settings } from '../../shared/settings';
import { ErrorNote } from './components/ErrorNote';
import { ItContact } from './components/ItContact';
import { LanguageSwitch } from './components/LanguageSwitch';
import { PolicyRefusedNote } from './components/PolicyRefusedNote';
import { VerdictBanner } from './components/VerdictBanner';
import { AdvisoryPage } from './pages/AdvisoryPage';
import { FindingsPage } from './pages/FindingsPage';
import { FixWizard } from './pages/FixWizard';
import { scrollToTop } from './scroll-top';
import { HistoryPage } from './pages/HistoryPage';
import { SettingsPage } from './pages/SettingsPage';

const PAGES: readonly Page[] = ['findings', 'advisory', 'fix', 'history', 'settings'];

/** The whole window. `api` is `window.api` (tests pass a fake with the same type). */
export function App({ api }: { readonly api: AtttApi }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState<Page>('findings');
  const [report, setReport] = useState<Report | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [focusId, setFocusId] = useState<string | undefined>();
  const [fixId, setFixId] = useState<string | undefined>();
  // A control main asked to focus (the login notice: start at login); cleared once the page has focused it.
  const [focusControl, setFocusControl] = useState<FocusTarget | undefined>();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  // The policy in force, with the organisation's over the built-in one: its contact, a refusal, what it locks.
  const [policy, setPolicy] = useState<PolicyView | null>(null);

  const applySettings = useCallback(
    (s: Settings) => {
      setSettings(s);
      if (i18n.language !== s.language) void i18n.changeLanguage(s.language);
      document.documentElement.lang = s.language;
    },
    [i18n],
  );

  useEffect(() => {
    let live = true;
    void api.latestReport().then((r) => {
      if (!live) return;
      if (r.ok) setReport(r.value);
      else setError(r.error.message);
      setLoaded(true);
    });
    void api.getSettings().then((r) => {
      if (live && r.ok) applySettings(r.value);
    });
    const loadPolicy = (): void =>
      void api.getPolicy().then((r) => {
        if (live && r.ok) setPolicy(r.value);
      });
    loadPolicy();
    const offs = [
      api.onReportUpdated((r) => {
        setReport(r);
        loadPolicy(); // read again before each check: IT may have changed it
      }),
      api.onSettingsUpdated((s) => {
        applySettings(s);
        loadPolicy(); // a changed organisation policy changes the settings in force
      }),
      api.onNavigate((target) => {
        setPage(target.page);
        setFocusId(target.findingId);
        setFocusControl(target.focus);
      }),
    ];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [api, applySettings]);

  const runCheck = async (): Promise<void> => {
    setChecking(true);
    setError(null);
    const r = await api.runCheck();
    setChecking(false);
    if (r.ok) setReport(r.value);
    else setError(r.error.message);
  };

  const changeLanguage = async (language: Settings['language']): Promise<void> => {
    const r = await api.setSettings({ language });
    if (r.ok) applySettings(r.value);
    else setError(r.error.message);
  };

  // A page opens at its top, never where the previous one was scrolled to (a finding to show is scrolled to by its card).
  useEffect(() => {
    if (!(page === 'findings' && focusId) && !focusControl) scrollToTop();
  }, [page, fixId, focusId, focusControl]);

  const openFix = (findingId: string): void => {
    setFixId(findingId);
    setPage('fix');
  };

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('ui:app.name')}</h1>
          <p className="subtitle">{t('ui:app.subtitle')}</p>
        </div>
        <LanguageSwitch language={settings?.language ?? (i18n.language === 'en' ? 'en' : 'vi')} onChange={(l) => void changeLanguage(l)} />
      </header>
      <VerdictBanner report={report} loaded={loaded} />
      <PolicyRefusedNote organisation={policy?.organisation} number={policy?.number ?? report?.policy.number ?? ''} />
      <nav className="app-nav" aria-label={t('ui:nav.label')}>
        {PAGES.map((p) => (
          <button
            key={p}
            type="button"
            className="nav-item"
            aria-current={page === p ? 'page' : undefined}
            onClick={() => {
              setFocusControl(undefined);
              setPage(p);
            }}
          >
            {t(`ui:nav.${p}`)}
          </button>
        ))}
      </nav>
      <main className="app-main" id="main">
        {error && <ErrorNote message={error} onClose={() => setError(null)} />}
        {page === 'findings' && <FindingsPage api={api} report={report} loaded={loaded} checking={checking} focusId={focusId} onCheck={() => void runCheck()} onFix={openFix} />}
        {page === 'advisory' && (
          <AdvisoryPage
            api={api}
            report={report}
            onOpenFinding={(id) => {
              setFocusId(id);
              setPage('findings');
            }}
          />
        )}
        {page === 'fix' && <FixWizard api={api} report={report} findingId={fixId} onChoose={setFixId} onReport={setReport} />}
        {page === 'history' && <HistoryPage api={api} />}
        {page === 'settings' && <SettingsPage api={api} settings={settings} organisation={policy?.organisation} onSettings={applySettings} focus={focusControl} onFocused={() => setFocusControl(undefined)} />}
      </main>
      <ItContact agency={policy?.organisation?.agency ?? report?.policy.agency} />
    </div>
  );
}
