// Small pieces several pages share.
import { h } from './dom.js';

/** Copies text to the clipboard and says so; falls back to selecting the text where the clipboard is not available. */
export function copyButton(text, label = 'Copy') {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'secondary small',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text());
        status.textContent = 'Copied';
      } catch {
        status.textContent = 'Press Ctrl+C to copy';
        const range = document.createRange();
        range.selectNodeContents(button.parentElement.previousElementSibling ?? button);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
    },
  }, label);
  return h('span', { class: 'copy' }, button, status);
}

export function integrationIcon(type) {
  const letters = type === 'azure-devops' ? 'ADO' : type.slice(0, 2).toUpperCase();
  return h('span', { class: `integration-icon icon-${type}`, 'aria-hidden': 'true' }, letters);
}

export function emptyState(title, text, action = null) {
  return h('div', { class: 'empty' }, h('h2', {}, title), h('p', { class: 'muted' }, text), action);
}
