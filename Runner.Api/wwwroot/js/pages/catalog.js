// The catalog: blueprints, their entities (search, filter by data source, paging), one entity's properties and relations.
import { get } from '../api.js';
import { h, clear, formatTime } from '../dom.js';
import { busy, field, select } from '../forms.js';
import { emptyState } from '../widgets.js';

const PAGE = 50;

export async function catalogPage() {
  const [{ items: blueprints }, { items: installations }] = await Promise.all([get('/blueprints'), get('/installations?limit=500')]);
  if (!blueprints.length) return h('section', { class: 'page' }, h('h1', {}, 'Catalog'), emptyState('No blueprints yet', 'Blueprints appear when a data source is added.'));
  const names = Object.fromEntries(installations.map(i => [i.id, i.name]));

  const search = h('input', { type: 'search', name: 'search', placeholder: 'Identifier or title', autocomplete: 'off' });
  const source = select([['', 'All data sources'], ...installations.map(i => [i.id, i.name])], '', { name: 'installation' });
  const list = h('div', { class: 'entity-list', 'aria-live': 'polite' });
  const detail = h('div', { class: 'entity-detail' });
  const nav = h('ul', { class: 'blueprints' });
  let blueprint = blueprints[0];
  let cursor = null;

  function renderNav() {
    clear(nav, blueprints.map(b => h('li', {}, h('button', {
      type: 'button', class: 'link', 'aria-current': b === blueprint ? 'true' : null,
      onclick: () => { blueprint = b; renderNav(); load(); },
    }, b.title ?? b.identifier))));
  }

  async function load(more = false) {
    if (!more) { cursor = null; clear(list); clear(detail); }
    const query = new URLSearchParams({ limit: PAGE });
    if (search.value.trim()) query.set('search', search.value.trim());
    if (source.value) query.set('installationId', source.value);
    if (cursor) query.set('cursor', cursor);
    const page = await get(`/blueprints/${encodeURIComponent(blueprint.identifier)}/entities?${query}`);
    cursor = page.nextCursor;
    list.querySelector('.more')?.remove();
    let table = list.querySelector('tbody');
    if (!table) {
      if (!page.items.length) return void list.append(h('p', { class: 'muted' }, 'No entities match.'));
      list.append(h('table', { class: 'data entities' },
        h('thead', {}, h('tr', {}, ['Title', 'Identifier', 'Data source', 'Updated'].map(c => h('th', { scope: 'col' }, c)))),
        table = h('tbody')));
    }
    table.append(...page.items.map(entity => h('tr', {},
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showEntity(entity) }, entity.title ?? entity.identifier),
        entity.placeholder ? h('span', { class: 'badge badge-queued' }, 'placeholder') : null),
      h('td', {}, h('code', {}, entity.identifier)),
      h('td', {}, names[entity.installationId] ?? '—'),
      h('td', { class: 'nowrap' }, formatTime(entity.updatedAt)))));
    if (cursor) {
      const more = h('button', { type: 'button', class: 'secondary more', onclick: () => busy(more, () => load(true)) }, 'Load more');
      list.append(more);
    }
  }

  async function showEntity(entity, blueprintId = blueprint.identifier) {
    const full = entity.properties ? entity : await get(`/blueprints/${encodeURIComponent(blueprintId)}/entities/${encodeURIComponent(entity.identifier)}`);
    const definition = blueprints.find(b => b.identifier === full.blueprint);
    const relations = Object.entries(full.relations ?? {});
    clear(detail, h('div', { class: 'card' },
      h('h2', {}, full.title ?? full.identifier),
      h('p', { class: 'muted small' }, `${definition?.title ?? full.blueprint} · `, h('code', {}, full.identifier)),
      h('h3', {}, 'Properties'),
      propertyTable(Object.entries(full.properties ?? {}), definition),
      h('h3', {}, 'Relations'),
      relations.length ? h('dl', { class: 'props' }, relations.map(([name, value]) => [
        h('dt', {}, definition?.relations?.[name]?.title ?? name),
        h('dd', {}, [value].flat().filter(v => v !== null && v !== undefined).map((target, i) => [i ? ', ' : '',
          typeof target === 'string' && definition?.relations?.[name]?.target
            ? h('button', { type: 'button', class: 'link', onclick: () => showEntity({ identifier: target }, definition.relations[name].target).catch(() => {}) }, target)
            : JSON.stringify(target)])),
      ])) : h('p', { class: 'muted' }, 'No relations.')));
    detail.scrollIntoView({ block: 'nearest' });
  }

  let debounce;
  search.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(() => load(), 250); });
  source.addEventListener('change', () => load());
  renderNav();
  await load();
  return h('section', { class: 'page' },
    h('header', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Catalog'), h('p', { class: 'muted' }, 'What your data sources wrote, by blueprint.'))),
    h('div', { class: 'catalog' },
      h('nav', { class: 'card side', 'aria-label': 'Blueprints' }, h('h2', {}, 'Blueprints'), nav),
      h('div', {},
        h('div', { class: 'toolbar' },
          field({ label: 'Search', path: 'search', control: search }),
          field({ label: 'Data source', path: 'installationId', control: source })),
        list, detail)));
}

function propertyTable(entries, definition) {
  if (!entries.length) return h('p', { class: 'muted' }, 'No properties.');
  const schema = definition?.schema?.properties ?? {};
  return h('dl', { class: 'props' }, entries.map(([name, value]) => [
    h('dt', {}, schema[name]?.title ?? name),
    h('dd', {}, value === null ? h('span', { class: 'muted' }, '—')
      : typeof value === 'object' ? h('pre', { class: 'json' }, JSON.stringify(value, null, 2))
        : typeof value === 'string' && /^https?:\/\//.test(value) ? h('a', { href: value, rel: 'noopener noreferrer', target: '_blank' }, value)
          : String(value)),
  ]));
}
