// One data source: its status and next resync, Resync now, application and integration settings,
// and the run history with the running run's per-kind progress, refreshed by polling.
import { del, get, patch, post, session } from '../api.js';
import { h, clear, formatTime, relativeTime } from '../dom.js';
import { alertBox, busy, clearErrors, showProblem } from '../forms.js';
import { go } from '../navigate.js';
import { isActive, kindTable, runBadge, runDetails, runSummary } from '../runs.js';
import { applicationSettingsForm, integrationSettingsForm } from '../settings.js';
import { integrationIcon } from '../widgets.js';
import { statusCell } from './sources.js';

const POLL_MS = 1500;

export async function installationPage({ params: [id], isCurrent }) {
  const admin = session.isAdmin;
  const [installation, { items: integrations }, { items: secrets }] = await Promise.all([
    get(`/installations/${id}`), get('/integrations'), get('/secrets')]);
  const integration = integrations.find(i => i.type === installation.integrationType);

  const head = h('header', { class: 'page-head' });
  const history = h('div', { class: 'history', 'aria-live': 'polite' });
  const live = h('div', { class: 'live' });
  const liveEvents = h('div', { class: 'live-events', 'aria-live': 'polite' });
  const notice = h('div', { 'aria-live': 'polite' });
  let timer = null;

  function renderHead(current) {
    const resync = admin ? h('button', {
      type: 'button', class: 'primary', onclick: event => busy(event.currentTarget, async () => {
        clear(notice);
        try {
          await post(`/installations/${id}/resyncs`);
        } catch (error) {
          notice.append(error.status === 409
            ? alertBox('A resync is already queued or running; its progress is shown below.', [], 'info')
            : alertBox(error.message));
        }
        await refresh();
      }),
    }, 'Resync now') : null;
    clear(head,
      h('div', {}, h('a', { href: '#/sources', class: 'back' }, '← Data sources'),
        h('div', { class: 'title-row' }, integrationIcon(current.integrationType), h('h1', {}, current.name), statusCell(current)),
        h('p', { class: 'muted' }, integration?.title ?? current.integrationType, ' · ',
          current.nextResyncAt
            ? h('span', { class: 'next-resync' }, 'Next resync ', h('time', { datetime: current.nextResyncAt, title: formatTime(current.nextResyncAt) }, relativeTime(current.nextResyncAt)))
            : `Resyncs every ${current.applicationSettings.resyncIntervalHours} h`)),
      h('div', { class: 'head-actions' }, h('a', { class: 'button secondary', href: `#/installations/${id}/mapping` }, 'Mapping'), resync));
  }

  async function refresh() {
    clearTimeout(timer);
    const [current, { items: runs }] = await Promise.all([get(`/installations/${id}`), get(`/installations/${id}/resyncs`)]);
    renderHead(current);
    clear(liveEvents, liveEventsCard(current.liveEvents));
    const active = runs.find(isActive);
    clear(live, active ? h('section', { class: 'card running' },
      h('h2', {}, 'Resync in progress ', runBadge(active)), runSummary(active), kindTable(active)) : null);
    clear(history, runs.length ? h('div', { class: 'runs' }, runs.map(run => {
      const summary = [runSummary(run), h('span', { class: 'trigger' }, `${run.trigger} · ${formatTime(run.queuedAt)}`)];
      return isActive(run)
        ? h('div', { class: 'run', dataset: { run: run.id, status: run.status } }, h('div', { class: 'run-head' }, summary))
        : h('details', { class: 'run', dataset: { run: run.id, status: run.status } }, h('summary', {}, summary), runDetails(run));
    }))
      : h('p', { class: 'muted' }, 'No resync has run yet.'));
    // Poll only while something is queued or running; a finished page stays still.
    if (active && isCurrent()) timer = setTimeout(() => isCurrent() && refresh().catch(() => {}), POLL_MS);
  }

  await refresh();
  return h('section', { class: 'page' }, head, notice, live,
    h('div', { class: 'columns' },
      h('div', {}, h('h2', {}, 'Run history'), history),
      h('div', {}, liveEvents, applicationCard(installation, integration, admin, refresh), integrationCard(installation, integration, secrets, admin, refresh),
        admin ? dangerCard(installation) : null)));
}

const LIVE_LABELS = { active: 'Active', pending: 'Setting up', off: 'Off', unavailable: 'Unavailable', degraded: 'Degraded' };

/** Whether Azure DevOps delivers live events, why not, and what the intake did with them. */
function liveEventsCard(live) {
  const counts = [['Subscriptions', live.subscriptions], ['Received', live.received], ['Applied', live.applied], ['Rejected', live.rejected]];
  return h('section', { class: 'card', dataset: { liveStatus: live.status } },
    h('h2', {}, 'Live events ', h('span', { class: `badge badge-live-${live.status}` }, LIVE_LABELS[live.status] ?? live.status)),
    live.reason ? h('p', { class: 'reason small' }, live.reason) : null,
    h('dl', { class: 'facts' }, counts.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, String(value))]),
      h('dt', {}, 'Last event'),
      h('dd', {}, live.lastEventAt ? h('time', { datetime: live.lastEventAt, title: formatTime(live.lastEventAt) }, relativeTime(live.lastEventAt)) : '—')));
}

function applicationCard(installation, integration, admin, onSaved) {
  const settings = applicationSettingsForm(integration.applicationSettings, installation.applicationSettings, { readOnly: !admin });
  const saved = h('span', { class: 'saved', role: 'status' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save application settings');
  const form = h('form', {
    class: 'card', novalidate: true,
    onsubmit: event => {
      event.preventDefault();
      busy(save, () => submit(form, async () => {
        await patch(`/installations/${installation.id}`, { applicationSettings: settings.value() });
        saved.textContent = 'Saved';
        await onSaved();
      }));
    },
  }, h('h2', {}, 'Application settings'), settings.element, admin ? h('div', { class: 'actions' }, save, saved) : null);
  return form;
}

function integrationCard(installation, integration, secrets, admin, onSaved, message = '') {
  const settings = integrationSettingsForm(integration, secrets, { current: installation.integrationSettings, readOnly: !admin });
  const saved = h('span', { class: 'saved', role: 'status' }, message);
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save integration settings');
  const form = h('form', {
    class: 'card', novalidate: true,
    onsubmit: event => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      busy(save, () => submit(form, async () => {
        const updated = await patch(`/installations/${installation.id}`, { integrationSettings: settings.value() });
        // A new card, so the secret picker now offers to keep the secret just chosen.
        const [{ items: fresh }] = await Promise.all([get('/secrets'), onSaved()]);
        form.replaceWith(integrationCard(updated, integration, fresh, admin, onSaved, 'Saved'));
      }));
    },
  }, h('h2', {}, `${integration.title} settings`), settings.element, admin ? h('div', { class: 'actions' }, save, saved) : null);
  return form;
}

async function submit(form, send) {
  clearErrors(form);
  form.querySelector('.saved').textContent = '';
  try {
    await send();
  } catch (error) {
    showProblem(form, error, form.querySelector('h2').nextElementSibling);
  }
}

function dangerCard(installation) {
  return h('div', { class: 'card danger' }, h('h2', {}, 'Remove data source'),
    h('p', { class: 'muted small' }, 'Deletes this data source and stops its resyncs.'),
    h('button', {
      type: 'button', class: 'danger',
      onclick: event => busy(event.currentTarget, async () => {
        if (!confirm(`Remove “${installation.name}”? Its schedule and run history go with it.`)) return;
        await del(`/installations/${installation.id}`);
        go('#/sources');
      }),
    }, 'Remove data source'));
}
