// Labelled fields, the ⓘ description tip, and problem-details errors placed beside the field they name.
import { h, uid } from './dom.js';

/** The ⓘ button: its description shows on hover and on keyboard focus (CSS), and is its accessible description. */
export function infoTip(label, description) {
  if (!description) return null;
  const tipId = uid('tip');
  return h('span', { class: 'info-wrap' },
    // Escape dismisses the tip without moving the mouse (WCAG 1.4.13).
    h('button', { type: 'button', class: 'info', 'aria-label': `About ${label}`, 'aria-describedby': tipId,
      onkeydown: event => event.key === 'Escape' && event.currentTarget.blur() }, 'i'),
    h('span', { class: 'tip', role: 'tooltip', id: tipId }, description));
}

/**
 * A field: label (+ ⓘ), control, optional hint, and an error slot. `path` is the API's field path
 * (e.g. integrationSettings.organizationUrl) used to place validation errors.
 */
export function field({ label, path, control, description, hint, required }) {
  const id = control.id || (control.id = uid('f'));
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  if (required) control.required = true;
  return h('div', { class: 'field', dataset: { field: path ?? '' } },
    h('div', { class: 'label-row' },
      // The asterisk sits beside the label, not in it, so the control's accessible name is the label alone.
      h('label', { for: id }, label), required ? h('span', { class: 'req', 'aria-hidden': 'true' }, '*') : null,
      infoTip(label, description)),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

export function clearErrors(root) {
  for (const error of root.querySelectorAll('.field-error')) { error.hidden = true; error.textContent = ''; }
  for (const control of root.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const alert of root.querySelectorAll('.form-alert')) alert.remove();
}

/**
 * Shows each error of a ProblemError beside the field whose data-field matches its path, or the
 * closest parent path (a.b.c falls back to a.b). Errors no field claims go into one alert at `alertAt`.
 * Returns the first field element that got an error.
 */
export function showProblem(root, error, alertAt = root) {
  clearErrors(root);
  const unplaced = [];
  let first = null;
  for (const [path, reasons] of Object.entries(error.errors ?? {})) {
    const target = findField(root, path);
    if (!target) { unplaced.push(`${path}: ${reasons.join('; ')}`); continue; }
    const slot = target.querySelector(':scope > .field-error');
    slot.textContent = reasons.join('; ');
    slot.hidden = false;
    const control = target.querySelector(':scope > input, :scope > select, :scope > textarea, :scope input, :scope select, :scope textarea');
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const describedBy = new Set((control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      describedBy.add(slot.id);
      control.setAttribute('aria-describedby', [...describedBy].join(' '));
    }
    first ??= target;
  }
  if (unplaced.length || !Object.keys(error.errors ?? {}).length) {
    alertAt.prepend(alertBox(error.message, unplaced));
  }
  return first;
}

export function alertBox(message, lines = [], kind = 'error') {
  return h('div', { class: `form-alert alert-${kind}`, role: 'alert' },
    h('p', {}, message), lines.length ? h('ul', {}, lines.map(line => h('li', {}, line))) : null);
}

function findField(root, path) {
  const parts = path.split('.');
  while (parts.length) {
    const match = [...root.querySelectorAll('[data-field]')].find(el => el.dataset.field === parts.join('.') && el.offsetParent !== null)
      ?? [...root.querySelectorAll('[data-field]')].find(el => el.dataset.field === parts.join('.'));
    if (match) return match;
    parts.pop();
  }
  return null;
}

/** Runs an async action with its button disabled and busy, so double clicks do not send twice. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try { return await action(); } finally { button.disabled = false; button.removeAttribute('aria-busy'); }
}

export function select(options, selected, props = {}) {
  return h('select', props, options.map(([value, label]) =>
    h('option', { value: String(value), selected: String(value) === String(selected) }, label)));
}
