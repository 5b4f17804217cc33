// Port secrets: names, when changed, which data sources use them; create, rotate, delete.
import { del, get, post, put, session } from '../api.js';
import { h, clear, formatTime } from '../dom.js';
import { alertBox, busy, clearErrors, field, showProblem } from '../forms.js';
import { go } from '../navigate.js';
import { emptyState } from '../widgets.js';

export async function secretsPage() {
  const admin = session.isAdmin;
  const { items } = await get('/secrets');
  const messages = h('div', { 'aria-live': 'polite' });
  return h('section', { class: 'page' },
    h('header', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Secrets'),
      h('p', { class: 'muted' }, 'Credentials your data sources use, stored encrypted. Values are never shown again after you save them.'))),
    messages,
    h('div', { class: admin ? 'columns wide-left' : '' },
      items.length ? h('table', { class: 'data secrets' },
        h('thead', {}, h('tr', {}, ['Name', 'Last changed', 'Used by', admin ? 'Actions' : null].filter(Boolean).map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, items.map(secret => row(secret, admin, messages))))
        : emptyState('No secrets yet', 'Secrets are created here or while adding a data source.'),
      admin ? createForm() : null));
}

function row(secret, admin, messages) {
  const rotate = h('td', { class: 'actions-cell' });
  const changed = h('td', {}, formatTime(secret.updatedAt));
  const tr = h('tr', { dataset: { secret: secret.name } },
    h('th', { scope: 'row' }, h('code', {}, secret.name)),
    changed,
    h('td', {}, secret.usedBy.length
      ? secret.usedBy.map((ref, i) => [i ? ', ' : '', h('a', { href: `#/installations/${ref.id}` }, ref.name)])
      : h('span', { class: 'muted' }, 'Not used')),
    admin ? rotate : null);
  if (!admin) return tr;
  const showRotate = () => {
    const value = h('input', { type: 'password', name: 'value', autocomplete: 'new-password' });
    const form = h('form', {
      class: 'inline-form', novalidate: true,
      onsubmit: event => {
        event.preventDefault();
        busy(form.querySelector('button[type=submit]'), async () => {
          try {
            const rotated = await put(`/secrets/${encodeURIComponent(secret.name)}`, { value: value.value });
            changed.textContent = formatTime(rotated.updatedAt);
            buttons();
            messages.replaceChildren(alertBox(`“${secret.name}” rotated.`, [], 'info'));
          } catch (error) { showProblem(form, error); }
        });
      },
    }, field({ label: `New value for ${secret.name}`, path: 'value', control: value }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary small' }, 'Save'),
      h('button', { type: 'button', class: 'secondary small', onclick: buttons }, 'Cancel')));
    clear(rotate, form);
    value.focus();
  };
  const remove = event => busy(event.currentTarget, async () => {
    clear(messages);
    if (!confirm(`Delete the secret “${secret.name}”?`)) return;
    try {
      await del(`/secrets/${encodeURIComponent(secret.name)}`);
      go(location.hash);
    } catch (error) {
      if (error.status !== 409) throw error;
      const users = error.problem.installations ?? secret.usedBy;
      messages.append(alertBox(`“${secret.name}” is in use, so it was not deleted. Point these data sources at another secret first (their integration settings), then delete it:`,
        users.map(u => u.name)));
    }
  });
  function buttons() {
    clear(rotate,
      h('button', { type: 'button', class: 'secondary small', onclick: showRotate }, 'Rotate'), ' ',
      h('button', { type: 'button', class: 'danger small', onclick: remove }, 'Delete'));
  }
  buttons();
  return tr;
}

function createForm() {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', spellcheck: false });
  const value = h('input', { type: 'password', name: 'value', autocomplete: 'new-password' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create secret');
  const form = h('form', {
    class: 'card', novalidate: true,
    onsubmit: event => {
      event.preventDefault();
      busy(submit, async () => {
        clearErrors(form);
        try { await post('/secrets', { name: name.value.trim(), value: value.value }); go(location.hash); } catch (error) { showProblem(form, error); }
      });
    },
  }, h('h2', {}, 'New secret'),
  field({ label: 'Name', path: 'name', control: name, required: true }),
  field({ label: 'Value', path: 'value', control: value, required: true, hint: 'Masked; stored encrypted.' }),
  h('div', { class: 'actions' }, submit));
  return form;
}
