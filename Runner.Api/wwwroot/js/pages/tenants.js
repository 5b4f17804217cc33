// The operator's page: create a tenant and hand over its first admin key, which is shown only here.
import { post } from '../api.js';
import { h, clear } from '../dom.js';
import { busy, clearErrors, field, showProblem } from '../forms.js';
import { copyButton } from '../widgets.js';

export function tenantsPage() {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create tenant');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    class: 'card', novalidate: true,
    onsubmit: event => {
      event.preventDefault();
      busy(submit, async () => {
        clearErrors(form);
        try {
          const tenant = await post('/admin/tenants', { name: name.value });
          name.value = '';
          const key = h('code', { class: 'secret-value' }, tenant.apiKey);
          clear(result, h('div', { class: 'card success' },
            h('h2', {}, `Tenant “${tenant.name}” created`),
            h('p', {}, 'Its first admin key is shown this once. Copy it now and hand it to the tenant; Runner keeps only its hash.'),
            h('div', { class: 'copy-row' }, key, copyButton(() => tenant.apiKey, 'Copy key'))));
        } catch (error) {
          showProblem(form, error);
        }
      });
    },
  },
  h('h2', {}, 'New tenant'),
  field({ label: 'Tenant name', path: 'name', control: name, required: true }),
  h('div', { class: 'actions' }, submit));
  return h('section', { class: 'page narrow' },
    h('header', { class: 'page-head' }, h('h1', {}, 'Tenants'), h('p', { class: 'muted' }, 'You are signed in with the operator key. It can only create tenants.')),
    form, result);
}
