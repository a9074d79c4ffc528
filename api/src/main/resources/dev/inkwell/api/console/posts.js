// Posts: search, filters and pages; select posts, or take every post the filters match, and change
// them in bulk, following the job.
import { api, all, query, requestId, session } from './api.js';
import { follow } from './jobs.js';
import { h, field, show, showProblem, badge, when, uid, pager, confirmDialog } from './ui.js';

const state = { q: '', category_id: '', tag: '', author: '', author_id: '', published: '', page: 1, per_page: 20 };
const selected = new Set();
/** What the list shows now: its total, and whether a bulk update can take the same posts by filter. */
const shown = { total: 0, exact: true };

export async function postsPage() {
  const categories = await all('/api/categories', 500);
  const results = h('div', { id: 'post-results', 'aria-live': 'polite' });
  const bulk = bulkPanel(categories, () => load(results));
  const form = filters(categories, () => { state.page = 1; load(results); });
  show(h('h1', {}, 'Posts'),
    h('div', { class: 'actions' }, h('a', { href: '#/posts/new' }, 'New post')),
    form, bulk, results);
  await load(results);
}

/** The user named `username` (any case), found with the users search; null when there is none. */
async function userNamed(username) {
  const found = (await api('GET', `/api/users${query({ q: username, per_page: 5 })}`)).body.items;
  return found.find(u => u.username.toLowerCase() === username.toLowerCase()) ?? null;
}

function filters(categories, apply) {
  const q = h('input', { type: 'search', name: 'q', value: state.q, maxlength: 200 });
  const category = h('select', { name: 'category_id' }, h('option', { value: '' }, 'Any category'),
    categories.map(c => h('option', { value: String(c.id), selected: String(c.id) === state.category_id }, c.name)));
  const tag = h('input', { type: 'text', name: 'tag', value: state.tag, maxlength: 50 });
  const author = h('input', { type: 'text', name: 'author', value: state.author, maxlength: 64, autocomplete: 'off' });
  const published = h('select', { name: 'published' },
    h('option', { value: '' }, 'Published and drafts'),
    h('option', { value: 'true', selected: state.published === 'true' }, 'Published'),
    h('option', { value: 'false', selected: state.published === 'false' }, 'Drafts'));
  const form = h('form', { class: 'card', role: 'search', 'aria-label': 'Search and filter posts' },
    h('div', { class: 'alert', role: 'alert' }),
    h('div', { class: 'filters' }, field('Search', q), field('Category', category), field('Tag', tag),
      field('Author (username)', author), field('Status', published),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    let authorId = '';
    const name = author.value.trim();
    if (name) {
      try {
        const user = await userNamed(name);
        if (!user) {
          showProblem(form, { problem: { detail: 'No posts shown.', errors: [{ field: 'author', message: `no user is named “${name}”` }] } });
          return;
        }
        authorId = String(user.id);
      } catch (err) {
        showProblem(form, err);
        return;
      }
    }
    Object.assign(state, { q: q.value.trim(), category_id: category.value, tag: tag.value.trim(), author: name, author_id: authorId,
      published: published.value });
    apply();
  });
  state.form = form;
  return form;
}

async function load(results) {
  let page;
  try {
    const { form, author, ...params } = state;
    page = (await api('GET', `/api/posts${query(params)}`)).body;
  } catch (err) {
    showProblem(state.form, err);
    return;
  }
  const all = h('input', { type: 'checkbox', id: 'select-page', 'aria-label': 'Select every post on this page',
    checked: page.items.length > 0 && page.items.every(p => selected.has(p.id)) });
  all.addEventListener('change', () => {
    page.items.forEach(p => (all.checked ? selected.add(p.id) : selected.delete(p.id)));
    results.querySelectorAll('input[data-post]').forEach(c => { c.checked = all.checked; });
    updateCount();
  });
  const rows = page.items.map(p => {
    const box = h('input', { type: 'checkbox', dataset: { post: String(p.id) }, checked: selected.has(p.id), 'aria-label': `Select “${p.title}”` });
    box.addEventListener('change', () => { (box.checked ? selected.add(p.id) : selected.delete(p.id)); updateCount(); });
    return h('tr', {},
      h('td', {}, box),
      h('td', {}, h('a', { href: `#/posts/${p.id}` }, p.title)),
      h('td', {}, p.author.username),
      h('td', {}, p.category ? p.category.name : '—'),
      h('td', { class: 'tags' }, p.tags.join(', ') || '—'),
      h('td', {}, p.published ? badge('published', 'ok') : badge('draft', 'muted')),
      h('td', {}, when(p.updated_at)));
  });
  Object.assign(shown, { total: page.total, exact: page.total_exact });
  results.replaceChildren(
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Posts'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all), ['Title', 'Author', 'Category', 'Tags', 'Status', 'Updated'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 7 }, 'No posts match.'))))),
    pager(page, state, () => load(results), 'posts'));
  updateCount();
}

function updateCount() {
  const count = document.getElementById('selected-count');
  if (count) count.textContent = `${selected.size} selected`;
  const matching = document.getElementById('matching-count');
  const byFilter = document.getElementById('target-filter');
  if (matching && byFilter) {
    // A bulk update's filter has no search text: with one, only selected posts can be changed.
    byFilter.disabled = state.q !== '';
    if (byFilter.disabled) document.getElementById('target-selected').checked = true;
    // An admin's bulk update takes every post the filter matches; anyone else's only their own of them.
    matching.textContent = state.q !== '' ? 'Every post matching the filters (not with a search: clear it, or select posts)'
      : session.isAdmin() ? `All ${shown.exact ? '' : 'about '}${shown.total} posts matching the filters`
        : 'All of your posts matching the filters';
  }
  const apply = document.getElementById('bulk-apply');
  if (apply) apply.disabled = !byFilter?.checked && selected.size === 0;
}

/** The list's filters as a bulk update's filter (its search text aside). */
function bulkFilter() {
  const f = {};
  if (state.category_id) f.category_id = Number(state.category_id);
  if (state.tag) f.tag = state.tag;
  if (state.author_id) f.author_id = Number(state.author_id);
  if (state.published) f.published = state.published === 'true';
  return f;
}

function bulkPanel(categories, reload) {
  const action = h('select', { name: 'action' },
    h('option', { value: 'publish' }, 'Publish'), h('option', { value: 'unpublish' }, 'Unpublish'),
    h('option', { value: 'move' }, 'Move to a category'), h('option', { value: 'add_tags' }, 'Add tags'),
    h('option', { value: 'remove_tags' }, 'Remove tags'));
  const category = h('select', { name: 'category_id' }, h('option', { value: '' }, 'No category'),
    categories.map(c => h('option', { value: String(c.id) }, c.name)));
  const tags = h('input', { type: 'text', name: 'tags' });
  const categoryField = field('Category', category);
  const tagsField = field('Tags', tags, 'Separate tags with commas.');
  const toggle = () => { categoryField.hidden = action.value !== 'move'; tagsField.hidden = !action.value.endsWith('_tags'); };
  action.addEventListener('change', toggle);
  toggle();
  const progressId = uid('progress');
  const bar = h('progress', { id: 'bulk-progress', max: 100, value: 0, 'aria-labelledby': progressId });
  const label = h('span', { class: 'progress-label', id: 'bulk-percent' }, '0%');
  const status = h('p', { id: 'bulk-status', role: 'status' });
  const progress = h('div', { id: 'bulk-job', hidden: true }, h('p', { id: progressId }, 'Bulk update progress ', label), bar, status);
  const bySelection = h('input', { type: 'radio', name: 'target', id: 'target-selected', value: 'selected', checked: true });
  const byFilter = h('input', { type: 'radio', name: 'target', id: 'target-filter', value: 'filter' });
  bySelection.addEventListener('change', updateCount);
  byFilter.addEventListener('change', updateCount);
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'bulk-heading' },
    h('h2', { id: 'bulk-heading' }, 'Change posts in bulk'),
    h('div', { class: 'alert', role: 'alert' }),
    h('fieldset', { class: 'targets' }, h('legend', {}, 'Posts to change'),
      h('label', { class: 'inline' }, bySelection, h('span', { id: 'selected-count' }, `${selected.size} selected`)),
      h('label', { class: 'inline' }, byFilter, h('span', { id: 'matching-count' }, 'All posts matching the filters'))),
    h('div', { class: 'filters' }, field('Action', action), categoryField, tagsField,
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'bulk-apply', disabled: selected.size === 0 }, 'Apply'))),
    progress);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const names = tags.value.split(',').map(t => t.trim()).filter(Boolean);
    const set = {
      publish: { published: true }, unpublish: { published: false },
      move: { category_id: category.value ? Number(category.value) : null },
      add_tags: { add_tags: names }, remove_tags: { remove_tags: names },
    }[action.value];
    const target = byFilter.checked ? { filter: bulkFilter() } : { ids: [...selected] };
    if (byFilter.checked && !(await confirmDialog(`${document.getElementById('matching-count').textContent}: change them all?`, 'Change them all'))) return;
    try {
      const job = (await api('POST', '/api/posts/bulk-update', { body: { request_id: requestId(), ...target, set } })).body;
      progress.hidden = false;
      await track(job.job_id, bar, label, status);
      selected.clear();
      await reload();
    } catch (err) {
      showProblem(form, err);
    }
  });
  return form;
}

/** Follows the job, moving the bar, and says how it ended. */
async function track(id, bar, label, status) {
  const job = await follow(id, j => {
    bar.value = j.progress;
    label.textContent = `${j.progress}%`;
    status.textContent = j.notice ? j.notice : `Job ${j.state}`;
  });
  status.textContent = job.state === 'succeeded'
    ? `Done: ${job.result.changed} of ${job.result.matched} posts changed.`
    : `The bulk update ${job.state}: ${job.error || 'no reason given'}`;
}
