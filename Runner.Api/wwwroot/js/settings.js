// Integration settings rendered from the integration's schema, shared by the wizard and the
// installation page. Sensitive settings get a secret picker: an existing Port secret or a new one.
import { h, uid } from './dom.js';
import { field, infoTip, select } from './forms.js';

/**
 * Builds the form fields for `integration.settings`. `current` holds an installation's values
 * (sensitive ones as {secret}); `secrets` are the tenant's secret names.
 * Returns { element, value(), changed() }: value() is what the API takes as integrationSettings.
 */
export function integrationSettingsForm(integration, secrets, { current = null, readOnly = false } = {}) {
  const readers = [];
  const element = h('div', { class: 'settings' }, integration.settings.map(setting => {
    const path = `integrationSettings.${setting.name}`;
    if (setting.sensitive) {
      const picker = secretPicker(setting, secrets, path, current?.[setting.name]?.secret ?? null, readOnly);
      readers.push([setting.name, picker.value]);
      return picker.element;
    }
    const control = settingControl(setting, current ? current[setting.name] : setting.default, readOnly);
    readers.push([setting.name, () => readSetting(setting, control)]);
    return field({
      label: setting.title, path, control, description: setting.description, required: setting.required && !readOnly,
      hint: setting.type === 'array' ? 'One value per line.' : null,
    });
  }));
  return {
    element,
    /** The settings to send; a sensitive setting left on "keep" is omitted, so PATCH leaves it alone. */
    value() {
      const result = {};
      for (const [name, read] of readers) {
        const value = read();
        if (value !== undefined) result[name] = value;
      }
      return result;
    },
  };
}

function settingControl(setting, value, readOnly) {
  const props = { name: setting.name, disabled: readOnly };
  switch (setting.type) {
    case 'boolean':
      return h('input', { ...props, type: 'checkbox', checked: value === true });
    case 'integer':
      return h('input', { ...props, type: 'number', step: 1, value: value ?? '' });
    case 'array':
      return h('textarea', { ...props, rows: 3, value: Array.isArray(value) ? value.join('\n') : '' });
    default:
      return h('input', {
        ...props, type: setting.type === 'url' ? 'url' : 'text', value: value ?? '', autocomplete: 'off', spellcheck: false,
        placeholder: setting.type === 'url' ? 'https://' : '',
      });
  }
}

// Empty optional values are sent as null, which the API reads as "remove this setting".
function readSetting(setting, control) {
  switch (setting.type) {
    case 'boolean': return control.checked;
    case 'integer': return control.value === '' ? null : Number(control.value);
    case 'array': {
      const items = control.value.split('\n').map(s => s.trim()).filter(Boolean);
      return items.length ? items : null;
    }
    default: return control.value.trim() === '' ? null : control.value.trim();
  }
}

/** Choose an existing Port secret or create one (name + masked value); on an installation, keeping the current one is the default. */
export function secretPicker(setting, secrets, path, currentSecret, readOnly) {
  const group = uid('secret');
  const modes = [];
  if (currentSecret) modes.push(['keep', readOnly ? `Port secret “${currentSecret}”` : `Keep the current secret “${currentSecret}”`]);
  // Read-only (a member) shows only which secret is used: the other choices are for changing it.
  if (!readOnly && secrets.length) modes.push(['existing', 'Use an existing Port secret']);
  if (!readOnly) modes.push(['new', 'Create a new Port secret']);

  const existing = select(secrets.map(s => [s.name, s.name]), secrets[0]?.name, { name: `${setting.name}-existing`, disabled: readOnly });
  const newName = h('input', { type: 'text', name: `${setting.name}-new-name`, autocomplete: 'off', spellcheck: false, value: suggestName(setting, secrets), disabled: readOnly });
  const newValue = h('input', { type: 'password', name: `${setting.name}-new-value`, autocomplete: 'new-password', disabled: readOnly });
  const panels = {
    existing: h('div', { class: 'picker-panel' }, field({ label: 'Secret', path: `${path}.secret`, control: existing })),
    new: h('div', { class: 'picker-panel' },
      field({ label: 'Secret name', path: `${path}.newSecret.name`, control: newName }),
      field({ label: 'Secret value', path: `${path}.newSecret.value`, control: newValue, hint: 'Stored encrypted as a Port secret; it is never shown again.' })),
  };
  const radios = modes.map(([mode, label], index) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: group, value: mode, checked: index === 0, disabled: readOnly, onchange: sync }), ' ', label));
  const element = h('fieldset', { class: 'field secret-picker', dataset: { field: path } },
    h('legend', {}, setting.title, h('span', { class: 'req', 'aria-hidden': 'true' }, setting.required && !readOnly ? ' *' : ''),
      h('span', { class: 'legend-tip' }, infoTip(setting.title, setting.description))),
    h('div', { class: 'radios' }, radios), readOnly ? null : [panels.existing, panels.new],
    h('p', { class: 'field-error', id: uid('err'), hidden: true }));
  function mode() { return radios.map(r => r.querySelector('input')).find(r => r.checked)?.value; }
  function sync() {
    panels.existing.hidden = mode() !== 'existing';
    panels.new.hidden = mode() !== 'new';
  }
  sync();
  return {
    element,
    value() {
      switch (mode()) {
        case 'existing': return { secret: existing.value };
        case 'new': return { newSecret: { name: newName.value.trim(), value: newValue.value } };
        default: return undefined;
      }
    },
  };
}

// A name that is free, so creating a first secret needs no thought.
function suggestName(setting, secrets) {
  const base = setting.name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
  const taken = new Set(secrets.map(s => s.name));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

/** The interval choices and the raw-examples and live-events toggles, described by the application settings schema. */
export function applicationSettingsForm(schema, current, { readOnly = false } = {}) {
  const interval = schema.find(s => s.name === 'resyncIntervalHours');
  const raw = schema.find(s => s.name === 'sendRawDataExamples');
  const hours = interval.allowedValues ?? [1, 2, 3, 4, 6, 8, 12, 24];
  const intervalControl = select(hours.map(n => [n, n === 1 ? 'Every hour' : n === 24 ? 'Once a day (every 24 hours)' : `Every ${n} hours`]),
    current?.resyncIntervalHours ?? interval.default ?? 1, { name: 'resyncIntervalHours', disabled: readOnly });
  const rawControl = h('input', { type: 'checkbox', name: 'sendRawDataExamples', checked: current?.sendRawDataExamples ?? raw.default ?? true, disabled: readOnly });
  const rawId = uid('raw');
  rawControl.id = rawId;
  const liveSetting = schema.find(s => s.name === 'liveEvents');
  const liveControl = liveSetting
    ? h('input', { type: 'checkbox', name: 'liveEvents', checked: current?.liveEvents ?? liveSetting.default ?? true, disabled: readOnly })
    : null;
  const liveId = uid('live');
  if (liveControl) liveControl.id = liveId;
  const element = h('div', { class: 'settings' },
    field({ label: interval.title, path: 'applicationSettings.resyncIntervalHours', control: intervalControl, description: interval.description }),
    h('div', { class: 'field check', dataset: { field: 'applicationSettings.sendRawDataExamples' } },
      h('div', { class: 'check-row' }, rawControl, h('label', { for: rawId }, raw.title)),
      h('p', { class: 'hint' }, raw.description),
      h('p', { class: 'field-error', id: `${rawId}-error`, hidden: true })),
    liveControl ? h('div', { class: 'field check', dataset: { field: 'applicationSettings.liveEvents' } },
      h('div', { class: 'check-row' }, liveControl, h('label', { for: liveId }, liveSetting.title)),
      h('p', { class: 'hint' }, liveSetting.description),
      h('p', { class: 'field-error', id: `${liveId}-error`, hidden: true })) : null);
  return {
    element,
    value: () => ({
      resyncIntervalHours: Number(intervalControl.value), sendRawDataExamples: rawControl.checked,
      ...(liveControl ? { liveEvents: liveControl.checked } : {}),
    }),
  };
}
