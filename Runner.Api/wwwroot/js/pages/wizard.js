// + Data source: integration → installation method → integration settings → application settings
// → egress IPs → create; then the first resync starts and the installation page shows it running.
import { get, post, session } from '../api.js';
import { h, clear } from '../dom.js';
import { alertBox, busy, clearErrors, field, showProblem } from '../forms.js';
import { go } from '../navigate.js';
import { applicationSettingsForm, integrationSettingsForm } from '../settings.js';
import { copyButton, integrationIcon } from '../widgets.js';

const methods = {
  hosted: ['Hosted by Port', 'Runner runs the integration for you on a schedule, from fixed egress addresses. Nothing to deploy.'],
};

export async function wizardPage() {
  if (!session.isAdmin) return h('section', { class: 'page' }, alertBox('Only an admin of your tenant can add a data source.'));
  const [{ items: integrations }, { items: secrets }, egress] = await Promise.all([get('/integrations'), get('/secrets'), get('/egress-ips')]);
  const state = { integration: null, name: null, settings: null, application: null };
  const steps = ['Integration', 'Installation method', 'Integration settings', 'Application settings', 'Egress IPs'];
  let current = 0;

  const progress = h('ol', { class: 'stepper' });
  const body = h('div', { class: 'step-body' });
  const form = h('form', { class: 'card wizard', novalidate: true, onsubmit: event => { event.preventDefault(); next(); } });
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => show(current - 1) }, 'Back');
  const forward = h('button', { type: 'submit', class: 'primary' }, 'Next');
  const sections = [integrationStep(), methodStep(), h('div'), h('div'), egressStep()];
  clear(form, body, h('div', { class: 'actions split' }, back, forward));

  function show(index) {
    current = index;
    clear(progress, steps.map((label, i) => h('li', { class: i === index ? 'current' : i < index ? 'done' : '', 'aria-current': i === index ? 'step' : null },
      h('span', { class: 'step-no' }, String(i + 1)), ' ', label)));
    clear(body, sections[index]);
    back.hidden = index === 0;
    forward.textContent = index === steps.length - 1 ? 'Create data source' : 'Next';
    body.querySelector('input:not([type=hidden]), select, textarea')?.focus();
  }

  function next() {
    if (!sections[current].checkValidity?.() && sections[current].reportValidity) return void sections[current].reportValidity();
    const chosen = form.querySelector('input[name=integration]:checked')?.value;
    // Rebuilt only when the integration changes, so going back keeps what was typed.
    if (current === 0 && chosen !== state.integration?.type) {
      state.integration = integrations.find(i => i.type === chosen);
      state.settings = integrationSettingsForm(state.integration, secrets);
      state.application = applicationSettingsForm(state.integration.applicationSettings, null);
      sections[2] = settingsStep();
      sections[3] = h('fieldset', { class: 'plain' }, h('legend', { class: 'step-title' }, 'Application settings'), state.application.element);
      sections[1] = methodStep();
    }
    if (current < steps.length - 1) return show(current + 1);
    busy(forward, create);
  }

  function integrationStep() {
    return h('fieldset', { class: 'plain' }, h('legend', { class: 'step-title' }, 'Which system do you want to sync?'),
      h('div', { class: 'choices' }, integrations.map((integration, i) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'integration', value: integration.type, checked: i === 0, required: true }),
        integrationIcon(integration.type),
        h('span', {}, h('strong', {}, integration.title), h('span', { class: 'muted small block' }, integration.description))))));
  }

  function methodStep() {
    const available = state.integration?.installationMethods ?? ['hosted'];
    return h('fieldset', { class: 'plain' }, h('legend', { class: 'step-title' }, 'How should it run?'),
      h('div', { class: 'choices' }, available.map((method, i) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'method', value: method, checked: i === 0, required: true }),
        h('span', {}, h('strong', {}, methods[method]?.[0] ?? method), h('span', { class: 'muted small block' }, methods[method]?.[1] ?? ''))))));
  }

  function settingsStep() {
    const name = h('input', { type: 'text', name: 'name', value: state.integration.title, autocomplete: 'off' });
    state.name = name;
    return h('fieldset', { class: 'plain' }, h('legend', { class: 'step-title' }, `${state.integration.title} settings`),
      field({ label: 'Data source name', path: 'name', control: name, required: true, hint: 'How this data source appears in your list.' }),
      state.settings.element);
  }

  function egressStep() {
    const text = egress.addresses.join('\n');
    return h('div', {}, h('h2', { class: 'step-title' }, 'Allow Runner’s addresses'),
      h('p', {}, 'Every request Runner makes to your system comes from one of these addresses. If your organization restricts access by IP address, add them to its allowlist before the first resync.'),
      h('div', { class: 'copy-row' }, h('pre', { class: 'ips' }, text), copyButton(() => text, 'Copy addresses')));
  }

  async function create() {
    clearErrors(form);
    const request = {
      integrationType: state.integration.type,
      name: state.name.value.trim(),
      integrationSettings: state.settings.value(),
      applicationSettings: state.application.value(),
    };
    let installation;
    try {
      installation = await post('/installations', request);
    } catch (error) {
      // The field may live on an earlier step: go there, then place the error beside it.
      const step = [2, 3].find(i => Object.keys(error.errors).some(path => sectionOwns(sections[i], path)));
      if (step !== undefined) show(step);
      const target = showProblem(form, error, body);
      target?.querySelector('input, select, textarea')?.focus();
      return;
    }
    // Creating the installation queues its first resync; its page shows it running.
    go(`#/installations/${installation.id}`);
  }

  show(0);
  return h('section', { class: 'page narrow' },
    h('header', { class: 'page-head' }, h('div', {}, h('a', { href: '#/sources', class: 'back' }, '← Data sources'), h('h1', {}, 'New data source'))),
    progress, form);
}

function sectionOwns(section, path) {
  const fields = [...section.querySelectorAll('[data-field]')].map(el => el.dataset.field).filter(Boolean);
  return fields.some(f => path === f || path.startsWith(`${f}.`) || f.startsWith(`${path}.`));
}
