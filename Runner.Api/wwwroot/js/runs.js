// How resync runs read: totals, the per-kind progress table, and the per-blueprint deletion outcomes.
import { h, badge, duration, formatTime, number, relativeTime } from './dom.js';

export const isActive = run => run && (run.status === 'queued' || run.status === 'running');

export function totals(run) {
  // An installation's lastRun is a summary that carries the totals itself.
  if (!run.report) return { fetched: run.fetched, upserted: run.upserted, unchanged: run.unchanged, deleted: run.deleted, errors: run.mappingErrors };
  const sum = key => run.report.kinds.reduce((total, kind) => total + (kind[key] ?? 0), 0);
  return {
    fetched: sum('fetched'), upserted: sum('upserted'), unchanged: sum('unchanged'), deleted: sum('deleted'),
    errors: sum('mappingErrors') + run.report.kinds.reduce((total, kind) => total + (kind.fetchErrors?.length ?? 0), 0),
  };
}

const statusLabel = {
  queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled', skipped: 'Skipped', abandoned: 'Abandoned',
};
export const runBadge = run => badge(run.status, statusLabel[run.status] ?? run.status);

/** One line: "Succeeded 5 minutes ago · 120 fetched · 12 upserted · 0 deleted". */
export function runSummary(run) {
  if (!run) return h('span', { class: 'muted' }, 'No run yet');
  const t = totals(run);
  const when = run.status === 'queued' ? `queued ${relativeTime(run.queuedAt)}`
    : run.status === 'running' ? `started ${relativeTime(run.startedAt)}` : relativeTime(run.finishedAt);
  return h('span', { class: 'run-summary' }, runBadge(run), ' ',
    h('time', { datetime: run.finishedAt ?? run.startedAt ?? run.queuedAt, title: formatTime(run.finishedAt ?? run.queuedAt) }, when),
    h('span', { class: 'counts' }, `${number(t.fetched)} fetched · ${number(t.upserted)} upserted · ${number(t.deleted)} deleted`));
}

export function kindTable(run) {
  const kinds = run.report.kinds;
  if (!kinds.length) return h('p', { class: 'muted' }, isActive(run) ? 'Waiting for the first kind…' : 'No kinds were fetched.');
  return h('table', { class: 'data compact kinds' },
    h('thead', {}, h('tr', {}, ['Kind', 'Fetched', 'Upserted', 'Unchanged', 'Deleted', 'Errors', 'State'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, kinds.map(kind => h('tr', { dataset: { kind: kind.kind } },
      h('th', { scope: 'row' }, kind.kind),
      h('td', { class: 'num' }, number(kind.fetched)),
      h('td', { class: 'num' }, number(kind.upserted)),
      h('td', { class: 'num' }, number(kind.unchanged)),
      h('td', { class: 'num' }, number(kind.deleted)),
      h('td', { class: 'num' }, number((kind.mappingErrors ?? 0) + (kind.fetchErrors?.length ?? 0))),
      h('td', {}, kind.completed ? 'Done' : isActive(run) ? h('span', { class: 'spinner-text' }, 'Fetching…') : 'Incomplete')))));
}

/** What a finished run did beyond counts: errors, why deletion was skipped, what it cost the source. */
export function runDetails(run) {
  const problems = run.report.kinds.flatMap(kind => [
    ...(kind.fetchErrors ?? []).map(e => `${kind.kind}: ${e}`),
    ...(kind.mappingErrorSamples ?? []).map(e => `${kind.kind} mapping: ${e}`),
  ]);
  const blueprints = run.report.blueprints ?? [];
  return h('div', { class: 'run-details' },
    run.error ? h('p', { class: 'alert-error inline' }, run.error) : null,
    kindTable(run),
    blueprints.length ? h('div', {},
      h('h4', {}, 'Deletion of stale entities'),
      h('table', { class: 'data compact' },
        h('thead', {}, h('tr', {}, ['Blueprint', 'Deletion', 'Deleted'].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, blueprints.map(b => h('tr', {},
          h('th', { scope: 'row' }, b.blueprint),
          h('td', {}, b.deletionRan ? 'Ran' : h('span', { class: 'skipped' }, `Skipped: ${b.deletionSkippedReason ?? 'no reason given'}`)),
          h('td', { class: 'num' }, number(b.deleted))))))) : null,
    problems.length ? h('div', {}, h('h4', {}, 'Errors'), h('ul', { class: 'errors' }, problems.map(p => h('li', {}, p)))) : null,
    h('p', { class: 'muted small' },
      `Queued ${formatTime(run.queuedAt)} · took ${duration(run.startedAt, run.finishedAt)} · ${number(run.report.http?.requests)} requests`,
      run.report.http?.throttled ? ` · throttled ${number(run.report.http.throttled)} times` : ''));
}
