// The console's shell: hash routes, the top bar, and one page at a time in <main>.
import { session } from './api.js';
import { h, clear } from './dom.js';
import { alertBox } from './forms.js';
import { go, home } from './navigate.js';
import { signInPage } from './pages/sign-in.js';
import { tenantsPage } from './pages/tenants.js';
import { sourcesPage } from './pages/sources.js';
import { wizardPage } from './pages/wizard.js';
import { installationPage } from './pages/installation.js';
import { mappingPage } from './pages/mapping.js';
import { secretsPage } from './pages/secrets.js';
import { catalogPage } from './pages/catalog.js';

const routes = [
  [/^#\/sign-in$/, signInPage, { public: true }],
  [/^#\/tenants$/, tenantsPage, { operator: true }],
  [/^#\/sources$/, sourcesPage],
  [/^#\/sources\/new$/, wizardPage],
  [/^#\/installations\/([0-9a-f-]+)$/, installationPage],
  [/^#\/installations\/([0-9a-f-]+)\/mapping$/, mappingPage],
  [/^#\/secrets$/, secretsPage],
  [/^#\/catalog$/, catalogPage],
];

const main = document.getElementById('main');
// Bumped on every navigation: a page still loading or polling for an old route can tell it is gone.
let generation = 0;

async function render() {
  const mine = ++generation;
  const hash = location.hash || '#/sources';
  const route = routes.find(([pattern]) => pattern.test(hash));
  const me = session.me;
  if (!route || (!route[2]?.public && !me)) return go(me ? home(me) : '#/sign-in');
  if (me && (me.role === 'operator') !== Boolean(route[2]?.operator) && !route[2]?.public) return go(home(me));
  const [pattern, page] = route;
  renderTopbar(hash);
  const context = { params: hash.match(pattern).slice(1), isCurrent: () => mine === generation };
  clear(main, h('p', { class: 'loading' }, 'Loading…'));
  try {
    const content = await page(context);
    if (!context.isCurrent()) return;
    clear(main, content);
    main.querySelector('[autofocus]')?.focus();
  } catch (error) {
    if (context.isCurrent()) clear(main, h('section', { class: 'page' }, alertBox(error.message)));
  }
  const heading = main.querySelector('h1')?.textContent;
  document.title = heading ? `${heading} · Runner` : 'Runner';
}

function renderTopbar(hash) {
  const me = session.me;
  const bar = document.getElementById('topbar');
  bar.hidden = !me;
  if (!me) return;
  const links = me.role === 'operator'
    ? [['#/tenants', 'Tenants']]
    : [['#/sources', 'Data sources'], ['#/catalog', 'Catalog'], ['#/secrets', 'Secrets']];
  clear(document.getElementById('nav'), links.map(([href, label]) => h('a', {
    href, 'aria-current': hash === href || (href === '#/sources' && /^#\/(sources|installations)/.test(hash)) ? 'page' : null,
  }, label)));
  clear(document.getElementById('who'),
    h('span', { class: 'tenant-name' }, me.tenantName ?? 'Operator'),
    h('span', { class: `role role-${me.role}` }, me.role),
    h('button', { type: 'button', class: 'link', onclick: () => { session.signOut(); go('#/sign-in'); } }, 'Sign out'));
}

window.addEventListener('hashchange', render);
render();
