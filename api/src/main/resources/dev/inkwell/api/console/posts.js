// Posts: search, filters and pages; select posts and change them in bulk, following the job.
import { api, all, query, requestId } from './api.js';
import { follow } from './jobs.js';
import { h, field, show, showProblem, badge, when, uid } from './ui.js';

const state = { q: '', category_id: '', tag: '', author_id: '', published: '', page: 1, per_page: 20 };
const selected = new Set();

export async function postsPage() {
  const [categories, users] = await Promise.all([all('/api/categories', 500), all('/api/users', 500)]);
  const results = h('div', { id: 'post-results', 'aria-live': 'polite' });
  const bulk = bulkPanel(categories, () => load(results));
  const form = filters(categories, users, () => { state.page = 1; load(results); });
  show(h('h1', {}, 'Posts'),
    h('div', { class: 'actions' }, h('a', { href: '#/posts/new' }, 'New post')),
    form, bulk, results);
  await load(results);
}

function filters(categories, users, apply) {
  const q = h('input', { type: 'search', name: 'q', value: state.q, maxlength: 200 });
  const category = h('select', { name: 'category_id' }, h('option', { value: '' }, 'Any category'),
    categories.map(c => h('option', { value: String(c.id), selected: String(c.id) === state.category_id }, c.name)));
  const tag = h('input', { type: 'text', name: 'tag', value: state.tag, maxlength: 50 });
  const author = h('select', { name: 'author_id' }, h('option', { value: '' }, 'Any author'),
    users.map(u => h('option', { value: String(u.id), selected: String(u.id) === state.author_id }, u.username)));
  const published = h('select', { name: 'published' },
    h('option', { value: '' }, 'Published and drafts'),
    h('option', { value: 'true', selected: state.published === 'true' }, 'Published'),
    h('option', { value: 'false', selected: state.published === 'false' }, 'Drafts'));
  const form = h('form', { class: 'card', role: 'search', 'aria-label': 'Search and filter posts' },
    h('div', { class: 'alert', role: 'alert' }),
    h('div', { class: 'filters' }, field('Search', q), field('Category', category), field('Tag', tag),
      field('Author', author), field('Status', published),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    Object.assign(state, { q: q.value.trim(), category_id: category.value, tag: tag.value.trim(), author_id: author.value, published: published.value });
    apply();
  });
  state.form = form;
  return form;
}

async function load(results) {
  let page;
  try {
    const { form, ...params } = state;
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
  const prev = h('button', { type: 'button', class: 'secondary', disabled: !page.page || page.page <= 1 }, 'Previous page');
  const next = h('button', { type: 'button', class: 'secondary', disabled: !page.next_cursor || page.page >= 10000 }, 'Next page');
  prev.addEventListener('click', () => { state.page -= 1; load(results); });
  next.addEventListener('click', () => { state.page += 1; load(results); });
  results.replaceChildren(
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Posts'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all), ['Title', 'Author', 'Category', 'Tags', 'Status', 'Updated'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 7 }, 'No posts match.'))))),
    h('div', { class: 'pager' }, prev,
      h('span', {}, `Page ${page.page} of ${Math.max(page.pages, 1)} · ${page.total_exact ? '' : 'about '}${page.total} posts`), next));
  updateCount();
}

function updateCount() {
  const count = document.getElementById('selected-count');
  if (count) count.textContent = `${selected.size} selected`;
  const apply = document.getElementById('bulk-apply');
  if (apply) apply.disabled = selected.size === 0;
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
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'bulk-heading' },
    h('h2', { id: 'bulk-heading' }, 'Change selected posts'),
    h('div', { class: 'alert', role: 'alert' }),
    h('p', { id: 'selected-count' }, `${selected.size} selected`),
    h('div', { class: 'filters' }, field('Action', action), categoryField, tagsField,
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'bulk-apply', disabled: selected.size === 0 }, 'Apply to selected'))),
    progress);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const names = tags.value.split(',').map(t => t.trim()).filter(Boolean);
    const set = {
      publish: { published: true }, unpublish: { published: false },
      move: { category_id: category.value ? Number(category.value) : null },
      add_tags: { add_tags: names }, remove_tags: { remove_tags: names },
    }[action.value];
    try {
      const job = (await api('POST', '/api/posts/bulk-update', { body: { request_id: requestId(), ids: [...selected], set } })).body;
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
