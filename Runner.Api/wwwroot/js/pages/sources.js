// Data sources: every installation with its status, last run and next resync.
import { get, session } from '../api.js';
import { h, badge, formatTime, relativeTime } from '../dom.js';
import { runSummary } from '../runs.js';
import { emptyState, integrationIcon } from '../widgets.js';

export async function sourcesPage() {
  const [{ items }, { items: integrations }] = await Promise.all([get('/installations?limit=500'), get('/integrations')]);
  const titles = Object.fromEntries(integrations.map(i => [i.type, i.title]));
  const lastRuns = items.map(i => i.lastRun);
  const add = session.isAdmin ? h('a', { class: 'button primary', href: '#/sources/new' }, '+ Data source') : null;
  return h('section', { class: 'page' },
    h('header', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Data sources'), h('p', { class: 'muted' }, 'Integrations Runner hosts for you, and how their last resync went.')),
      add),
    items.length === 0
      ? emptyState('No data sources yet', session.isAdmin ? 'Add one to start syncing into your catalog.' : 'An admin of your tenant can add one.', add?.cloneNode(true))
      : h('table', { class: 'data sources' },
        h('thead', {}, h('tr', {}, ['Data source', 'Status', 'Last run', 'Next resync'].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, items.map((installation, index) => h('tr', { dataset: { installation: installation.id } },
          h('td', {}, h('div', { class: 'source' }, integrationIcon(installation.integrationType),
            h('div', {}, h('a', { href: `#/installations/${installation.id}`, class: 'strong' }, installation.name),
              h('div', { class: 'muted small' }, titles[installation.integrationType] ?? installation.integrationType)))),
          h('td', {}, statusCell(installation)),
          h('td', {}, runSummary(lastRuns[index])),
          h('td', {}, installation.nextResyncAt
            ? h('time', { datetime: installation.nextResyncAt, title: formatTime(installation.nextResyncAt) }, relativeTime(installation.nextResyncAt))
            : h('span', { class: 'muted' }, `every ${installation.applicationSettings.resyncIntervalHours} h`)))))));
}

export function statusCell(installation) {
  return installation.status === 'needsAttention'
    ? h('div', {}, badge('needsAttention', 'Needs attention'), h('div', { class: 'reason small' }, installation.statusReason ?? ''))
    : badge('active', 'Active');
}
