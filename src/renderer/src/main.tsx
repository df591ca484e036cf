/** Entry of the window: React root, i18n, and the bridge from the preload. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { withEarlyEvents } from './early-events';
import { createI18n } from './i18n';
import './styles.css';

const i18n = createI18n('vi');
// Before the first render: a navigation main sends on load is not lost while React mounts.
const api = withEarlyEvents(window.api);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App api={api} />
      </I18nextProvider>
    </StrictMode>,
  );
}
