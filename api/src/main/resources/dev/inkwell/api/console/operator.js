// Operators: health, pools, cache, database, posts, jobs and backups on one page, refreshed every
// 5 seconds while it is shown. Only the data sections are redrawn, so focus stays where it is.
import { api } from './api.js';
import { h, show, badge, bytes, when } from './ui.js';
import { barChart, columnChart, ringGauge } from './charts.js';
import { follow } from './jobs.js';

const REFRESH_MS = 5000;
let timer = null;

export function stopRefreshing() {
  if (timer) clearInterval(timer);
  timer = null;
}

export async function operatorPage() {
  const health = h('section', { 'aria-labelledby': 'health-heading' });
  const charts = h('div', { class: 'charts', id: 'charts' });
  const backups = h('div', { id: 'backup-list' });
  const updated = h('p', { class: 'hint', id: 'updated' });
  const status = h('p', { role: 'status', id: 'backup-status' });
  const alert = h('div', { class: 'alert', role: 'alert' });
  const start = (label, path) => async () => {
    alert.textContent = '';
    try {
      const job = (await api('POST', path)).body;
      const done = await follow(job.job_id, j => { status.textContent = `${label}: ${j.state}, ${j.progress}%`; });
      status.textContent = `${label}: ${done.state}${done.error ? ` (${done.error})` : ''}.`;
      await refresh();
    } catch (err) {
      alert.textContent = `Refused: ${err.problem?.detail || err.message}`;
    }
  };
  async function refresh() {
    const [overview, stats, list] = await Promise.all([
      api('GET', '/api/admin/overview'), api('GET', '/api/admin/db-stats'), api('GET', '/api/admin/backups')]);
    drawHealth(health, overview.body, stats.body);
    drawCharts(charts, overview.body, stats.body);
    drawBackups(backups, list.body);
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}; refreshes every ${REFRESH_MS / 1000} seconds.`;
  }
  show(h('h1', {}, 'Operator'), updated,
    h('h2', { id: 'health-heading' }, 'Health'), health,
    h('h2', {}, 'Gauges and charts'), charts,
    h('section', { 'aria-labelledby': 'backups-heading' }, h('h2', { id: 'backups-heading' }, 'Backups'), alert,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'backup-now', onclick: start('Backup', '/api/admin/backups') }, 'Back up now'),
        h('button', { type: 'button', class: 'secondary', id: 'check-restore', onclick: start('Restore check', '/api/admin/backups/restore-check') }, 'Check restore')),
      status, backups));
  await refresh();
  timer = setInterval(() => refresh().catch(err => { updated.textContent = `Refresh failed: ${err.message}`; }), REFRESH_MS);
}

function drawHealth(el, o, stats) {
  const workers = o.workers === null ? 'unknown (job storage does not answer)' : `${o.workers.length} seen`;
  el.replaceChildren(h('div', { class: 'status-grid' },
    stat('Readiness', o.ready ? badge('ready', 'ok') : badge('not ready', 'bad')),
    stat('Liveness', o.alive ? badge('alive', 'ok') : badge('not alive', 'bad')),
    stat('Workers', workers, (o.workers || []).map(w => `${w.name} (${w.worker_threads} threads)`).join(', ')),
    stat('Cache', badge(stats.cache_breaker, stats.cache_breaker === 'closed' ? 'ok' : 'warn')),
    stat('Database size', bytes(stats.database_bytes)),
    stat('Active users', String(stats.active_users))),
  h('div', { class: 'table-wrap' }, h('table', { id: 'checks' }, h('caption', { class: 'visually-hidden' }, 'Health checks'),
    h('thead', {}, h('tr', {}, ['Check', 'Kind', 'State', 'Says'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, o.checks.map(c => h('tr', {}, h('td', {}, c.name), h('td', {}, `${c.type}${c.critical ? ', critical' : ''}`),
      h('td', {}, c.healthy ? badge('healthy', 'ok') : badge('unhealthy', 'bad')), h('td', {}, c.message || '—')))))));
}

function stat(label, value, detail) {
  return h('div', { class: 'stat' }, h('span', { class: 'hint' }, label), h('strong', {}, value), detail ? h('span', { class: 'hint' }, detail) : null);
}

function drawCharts(el, o, stats) {
  const numeric = obj => Object.entries(obj || {}).filter(([, v]) => typeof v === 'number').map(([k, v]) => ({ label: k, value: v }));
  const days = o.posts_per_day.map(d => ({
    label: new Date(`${d.day}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' }), value: d.posts }));
  const tables = [...stats.tables].sort((a, b) => b.bytes - a.bytes).slice(0, 8)
    .map(t => ({ label: t.name, value: t.bytes, text: `${bytes(t.bytes)}, ${t.exact ? '' : '~'}${t.rows} rows` }));
  el.replaceChildren(
    columnChart('Posts created, last 7 days', days),
    ringGauge('Cache hit ratio', stats.cache_hit_ratio, `breaker ${stats.cache_breaker}`),
    barChart('Database pool', numeric(stats.pools.database).filter(r => ['active', 'idle', 'waiting', 'size'].includes(r.label))),
    barChart('Redis pool', numeric(stats.pools.redis)),
    barChart(`Table sizes (database ${bytes(stats.database_bytes)})`, tables),
    barChart('Jobs by state', Object.entries(stats.jobs_by_state).map(([k, v]) => ({ label: k.toLowerCase(), value: v }))));
}

function drawBackups(el, list) {
  if (!list.length) { el.replaceChildren(h('p', {}, 'No backups yet.')); return; }
  const check = b => {
    if (!b.restore_checked_at) return badge('not checked', 'muted');
    return b.restore_check_error ? h('span', {}, badge('failed', 'bad'), ` ${b.restore_check_error}`)
      : h('span', {}, badge('passed', 'ok'), ` ${when(b.restore_checked_at)}`);
  };
  el.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { id: 'backups' }, h('caption', { class: 'visually-hidden' }, 'Backups'),
    h('thead', {}, h('tr', {}, ['Started', 'State', 'Size', 'Restore check', 'File'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map(b => h('tr', {}, h('td', {}, when(b.started_at)),
      h('td', {}, badge(b.state, b.state === 'verified' ? 'ok' : b.state === 'running' ? 'warn' : 'bad')),
      h('td', {}, bytes(b.size_bytes)), h('td', {}, check(b)), h('td', {}, b.file || '—')))))));
}
