// Admins: users (search, page, activate and deactivate, make admin, delete) and bulk creation
// from a CSV file.
import { api, query, session } from './api.js';
import { h, field, show, showProblem, clearErrors, confirmDialog, notice, badge, when, pager } from './ui.js';
import { parseCsv } from './csv.js';

const state = { q: '', page: 1, per_page: 20 };

/** Forgets the search (on sign-out: the next user of the tab starts afresh). */
export function forgetUsers() { Object.assign(state, { q: '', page: 1, per_page: 20 }); }

export async function usersPage() {
  const alert = h('div', { class: 'alert', role: 'alert', id: 'users-alert' });
  const results = h('div', { id: 'user-results' });
  const q = h('input', { type: 'search', name: 'q', value: state.q, maxlength: 254 });
  const form = h('form', { class: 'card', role: 'search', 'aria-label': 'Search users' },
    h('div', { class: 'alert', role: 'alert' }),
    h('div', { class: 'filters' },
      field('Username or e-mail starts with', q, 'An @ searches e-mail addresses.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    clearErrors(form);
    Object.assign(state, { q: q.value.trim(), page: 1 });
    load(results, alert, form);
  });
  show(h('h1', {}, 'Users'), form, alert, results);
  await load(results, alert, form);
}

async function load(results, alert, form) {
  let page;
  try {
    page = (await api('GET', `/api/users${query(state)}`)).body;
  } catch (err) {
    if (err.status === 401) throw err; // the session ended: back at sign-in, the page's form is gone
    showProblem(form, err);
    return;
  }
  clearErrors(form);
  const me = session.user();
  const act = async (label, call) => {
    alert.textContent = '';
    try {
      await call();
      notice(label);
      await load(results, alert, form);
    } catch (err) {
      alert.textContent = `Refused: ${err.problem?.detail || err.message}`;
    }
  };
  const rows = page.items.map(u => {
    const who = u.id === me.id ? `${u.username} (you)` : u.username;
    const toggle = h('button', { type: 'button', class: 'secondary', 'aria-label': `${u.is_active ? 'Deactivate' : 'Activate'} ${u.username}` },
      u.is_active ? 'Deactivate' : 'Activate');
    toggle.addEventListener('click', () => act(`${u.username} ${u.is_active ? 'deactivated' : 'activated'}.`,
      () => api('PATCH', `/api/users/${u.id}`, { body: { is_active: !u.is_active } })));
    const role = h('button', { type: 'button', class: 'secondary', 'aria-label': `${u.role === 'admin' ? 'Make user' : 'Make admin'} ${u.username}` },
      u.role === 'admin' ? 'Make user' : 'Make admin');
    role.addEventListener('click', () => act(`${u.username} is now ${u.role === 'admin' ? 'a user' : 'an admin'}.`,
      () => api('PATCH', `/api/users/${u.id}`, { body: { role: u.role === 'admin' ? 'user' : 'admin' } })));
    const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${u.username}` }, 'Delete');
    remove.addEventListener('click', async () => {
      if (await confirmDialog(`Delete the user “${u.username}” and everything they wrote?`, 'Delete user')) {
        act(`${u.username} deleted.`, () => api('DELETE', `/api/users/${u.id}`));
      }
    });
    return h('tr', { dataset: { user: u.username } },
      h('td', {}, who), h('td', {}, u.email ?? '—'), h('td', {}, u.role),
      h('td', {}, u.is_active ? badge('active', 'ok') : badge('inactive', 'bad')),
      h('td', {}, when(u.created_at)),
      h('td', {}, h('div', { class: 'actions' }, toggle, role, remove)));
  });
  results.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Users'),
    h('thead', {}, h('tr', {}, ['Username', 'E-mail', 'Role', 'Status', 'Created', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 6 }, 'No users match.'))))),
  pager(page, state, () => load(results, alert, form), 'users'));
}

/**
 * Bulk creation from a CSV file (username,email). The server decides what is valid: the whole
 * file is sent at once and, being all or nothing, a refusal creates nobody and names each row at
 * fault; those rows are shown before anything is created, and the rest can then be created.
 */
export function importPage() {
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  const alert = h('div', { class: 'alert', role: 'alert' });
  const outcome = h('div', { role: 'status', id: 'import-status' });
  const preview = h('div', { id: 'import-rows' });
  const create = h('button', { type: 'submit', id: 'import-create', disabled: true }, 'Check and create users');
  let rows = [];
  const form = h('form', { class: 'card stack', novalidate: true }, alert,
    field('CSV file', file, 'One user a line: username,email. A first line "username,email" is skipped. At most 10,000 users.'),
    preview, outcome, h('div', { class: 'actions' }, create));

  const draw = () => {
    const bad = rows.filter(r => r.errors.length).length;
    preview.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, `${rows.length} rows in the file${bad ? `, ${bad} with errors` : ''}`),
      h('thead', {}, h('tr', {}, ['Line', 'Username', 'E-mail', 'Problems'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map(r => h('tr', { class: r.errors.length ? 'row-error' : null, dataset: { line: String(r.line) } },
        h('td', {}, String(r.line)), h('td', {}, r.username), h('td', {}, r.email),
        h('td', {}, r.errors.length ? r.errors.join('; ') : (r.created ? 'created' : '—'))))))));
    const pending = rows.filter(r => !r.errors.length && !r.created);
    create.disabled = pending.length === 0;
    create.textContent = bad ? `Create the ${pending.length} rows without errors` : `Check and create ${pending.length} users`;
  };

  file.addEventListener('change', async () => {
    outcome.textContent = '';
    alert.textContent = '';
    const text = file.files[0] ? await file.files[0].text() : '';
    const parsed = parseCsv(text);
    if (parsed.length && parsed[0].map(c => c.trim().toLowerCase()).join(',') === 'username,email') parsed.shift();
    rows = parsed.map((cells, i) => ({
      line: i + 1, username: (cells[0] ?? '').trim(), email: (cells[1] ?? '').trim(), created: false,
      errors: cells.length === 2 ? [] : [`has ${cells.length} columns, not 2 (username,email)`],
    }));
    draw();
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const sent = rows.filter(r => !r.errors.length && !r.created);
    alert.textContent = '';
    try {
      const created = (await api('POST', '/api/users/bulk', { body: sent.map(r => ({ username: r.username, email: r.email })) })).body;
      sent.forEach(r => { r.created = true; });
      outcome.textContent = `Created ${created.created} users.`;
    } catch (err) {
      const errors = err.problem?.errors || [];
      for (const fe of errors) {
        const m = String(fe.field).match(/^\[(\d+)\]\.?(.*)$/);
        if (m && sent[Number(m[1])]) sent[Number(m[1])].errors.push(`${m[2] || 'row'} ${fe.message}`);
      }
      if (errors.length) {
        const bad = new Set(errors.map(fe => fe.field.match(/^\[(\d+)\]/)?.[1])).size;
        outcome.textContent = `Nothing was created: ${bad} ${bad === 1 ? 'row has' : 'rows have'} errors (marked below).`;
      } else {
        showProblem(form, err);
      }
    }
    draw();
  });
  show(h('h1', {}, 'Import users'), form);
}
