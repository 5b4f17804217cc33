// The installation's mapping (Port app config): edit, test against stored raw examples, save.
import { api, get, post, session } from '../api.js';
import { h, clear, formatTime } from '../dom.js';
import { alertBox, busy, clearErrors, field, select } from '../forms.js';

export async function mappingPage({ params: [id] }) {
  const admin = session.isAdmin;
  const [installation, mapping, { items: integrations }] = await Promise.all([
    get(`/installations/${id}`), api('GET', `/installations/${id}/mapping`), get('/integrations')]);
  const kinds = (integrations.find(i => i.type === installation.integrationType)?.kinds ?? []).map(k => k.kind);

  const editor = h('textarea', { class: 'code', rows: 28, spellcheck: false, value: mapping, readOnly: !admin, name: 'mapping', wrap: 'off' });
  const kind = select(kinds.map(k => [k, k]), kinds[0], { name: 'kind' });
  const examples = h('div', { class: 'examples', 'aria-live': 'polite' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const editorMessages = h('div', { class: 'editor-messages', 'aria-live': 'polite' });
  const saved = h('span', { class: 'saved', role: 'status' });
  const form = h('form', { class: 'card mapping-editor', novalidate: true, onsubmit: event => event.preventDefault() });

  async function loadExamples() {
    clear(results);
    const { items } = await get(`/installations/${id}/kinds/${encodeURIComponent(kind.value)}/examples`);
    clear(examples, items.length
      ? items.map(example => h('details', { class: 'example' },
        h('summary', {}, `Example ${example.position + 1}`, h('span', { class: 'muted small' }, ` captured ${formatTime(example.capturedAt)}`)),
        h('pre', { class: 'json' }, JSON.stringify(example.data, null, 2))))
      : h('p', { class: 'muted' }, installation.applicationSettings.sendRawDataExamples
        ? 'No examples of this kind yet: they are kept from the next resync.'
        : 'Raw data examples are turned off for this data source (application settings).'));
  }

  const test = h('button', {
    type: 'button', class: 'primary',
    onclick: () => busy(test, async () => {
      clearErrors(form);
      clear(results);
      try {
        const outcome = await post(`/installations/${id}/mapping/test`, { kind: kind.value, mapping: editor.value });
        clear(results, outcome.examples.length
          ? outcome.examples.map(renderOutcome)
          : h('p', { class: 'muted' }, 'There are no stored examples of this kind to test against.'));
      } catch (error) {
        clear(results, mappingErrors('The mapping cannot be tested', error));
      }
    }),
  }, 'Test mapping');

  const save = admin ? h('button', {
    type: 'button', class: 'secondary',
    onclick: () => busy(save, async () => {
      clear(editorMessages);
      saved.textContent = '';
      try {
        await api('PUT', `/installations/${id}/mapping`, { body: editor.value, contentType: 'application/yaml' });
        saved.textContent = 'Saved; the next resync uses it.';
      } catch (error) {
        clear(editorMessages, mappingErrors('Not saved: the mapping is invalid', error));
      }
    }),
  }, 'Save mapping') : null;

  kind.addEventListener('change', () => loadExamples());
  clear(form,
    field({ label: 'Port app config (YAML)', path: 'mapping', control: editor }),
    editorMessages,
    h('div', { class: 'actions' }, save, saved));
  await loadExamples();

  return h('section', { class: 'page' },
    h('header', { class: 'page-head' }, h('div', {},
      h('a', { href: `#/installations/${id}`, class: 'back' }, `← ${installation.name}`),
      h('h1', {}, 'Mapping'),
      h('p', { class: 'muted' }, 'How raw objects become catalog entities. Test your changes against real examples before saving.'))),
    h('div', { class: 'columns wide-left' }, form,
      h('div', { class: 'card' },
        h('div', { class: 'toolbar' }, field({ label: 'Kind', path: 'kind', control: kind }), test),
        h('h2', {}, 'Test results'), results,
        h('h2', {}, 'Stored raw examples'), examples)));
}

function renderOutcome(example) {
  return h('article', { class: 'outcome' },
    h('h3', {}, `Example ${example.position + 1}`),
    example.resources.map(resource => h('div', { class: 'resource' },
      h('p', {}, `Resource ${resource.resourceIndex + 1}: `, resource.error
        ? h('span', { class: 'badge badge-failed' }, 'jq error')
        : resource.selected ? h('span', { class: 'badge badge-succeeded' }, 'selector matched') : h('span', { class: 'badge badge-queued' }, 'selector did not match')),
      resource.error ? h('pre', { class: 'jq-error', role: 'alert' }, resource.error) : null,
      resource.entities.map(entity => h('pre', { class: 'json entity' }, JSON.stringify(entity, null, 2))))));
}

function mappingErrors(title, error) {
  const lines = Object.entries(error.errors ?? {}).map(([path, reasons]) => `${path}: ${reasons.join('; ')}`);
  return alertBox(lines.length ? title : error.message, lines);
}
