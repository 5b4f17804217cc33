import { api, session, ProblemError } from '../api.js';
import { h } from '../dom.js';
import { busy, clearErrors, field, showProblem } from '../forms.js';
import { go, home } from '../navigate.js';

export function signInPage() {
  const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', spellcheck: false, autofocus: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'card signin', novalidate: true,
    onsubmit: event => {
      event.preventDefault();
      busy(submit, async () => {
        clearErrors(form);
        const value = key.value.trim();
        try {
          if (!value) throw new ProblemError(400, { title: 'An API key is required.', errors: { apiKey: ['is required'] } });
          const me = await api('GET', '/me', { key: value });
          session.signIn(value, me);
          go(home(me));
        } catch (error) {
          const problem = error.status === 401 ? new ProblemError(401, { title: 'That key was not accepted.', errors: { apiKey: ['is not a valid Runner API key'] } }) : error;
          showProblem(form, problem, form);
          key.focus();
        }
      });
    },
  },
  h('div', { class: 'signin-brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'R'), h('span', {}, 'Runner')),
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'Use your tenant API key. It is kept only for this browser tab and forgotten when you close it.'),
  field({ label: 'API key', path: 'apiKey', control: key }),
  h('div', { class: 'actions' }, submit));
  return h('section', { class: 'page centered' }, form);
}
