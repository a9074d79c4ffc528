// Posts: search, filters and pages; select posts, or take every post the filters match, and change
// them in bulk, following the job.
import { api, all, query, requestId, session } from './api.js';
import { follow } from './jobs.js';
import { h, field, show, showProblem, clearErrors, badge, when, uid, pager, confirmDialog } from './ui.js';

const FRESH = { q: '', category_id: '', tag: '', author: '', author_id: '', published: '', page: 1, per_page: 20 };
const state = { ...FRESH };
const selected = new Set();
/**
 * What the list shows now, as its last load answered: the total, and the filters and search it
 * was asked with (a bulk update by filter takes these, not what the form holds since).
 */
const shown = { total: 0, exact: true, q: '', filter: {}, described: 'all posts' };
const categoryNames = new Map();

/** Forgets the filters and the selection (on sign-out: the next user of the tab starts afresh). */
export function forgetPosts() {
  Object.keys(state).forEach(k => delete state[k]);
  Object.assign(state, FRESH);
  selected.clear();
}

/** Whether the signed-in user may change `post` (a bulk update of a post they may not change fails whole). */
function changeable(post) { return session.isAdmin() || post.author.id === session.user()?.id; }

export async function postsPage() {
  const categories = await all('/api/categories', 500);
  categories.forEach(c => categoryNames.set(String(c.id), c.name));
  const results = h('div', { id: 'post-results' });
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
    clearErrors(form);
    let authorId = '';
    let name = author.value.trim();
    if (name) {
      try {
        const user = await userNamed(name);
        if (!user) {
          showProblem(form, { problem: { detail: 'No posts shown.', errors: [{ field: 'author', message: `no user is named “${name}”` }] } });
          return;
        }
        authorId = String(user.id);
        name = user.username;
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
    if (err.status === 401) throw err; // the session ended: back at sign-in, the page's form is gone
    showProblem(state.form, err);
    return;
  }
  clearErrors(state.form);
  const mine = page.items.filter(changeable);
  const all = h('input', { type: 'checkbox', id: 'select-page', 'aria-label': 'Select every post on this page you may change',
    checked: mine.length > 0 && mine.every(p => selected.has(p.id)) });
  all.addEventListener('change', () => {
    mine.forEach(p => (all.checked ? selected.add(p.id) : selected.delete(p.id)));
    results.querySelectorAll('input[data-post]').forEach(c => { c.checked = all.checked; });
    updateCount();
  });
  const rows = page.items.map(p => {
    const box = changeable(p) ? h('input', { type: 'checkbox', dataset: { post: String(p.id) }, checked: selected.has(p.id),
      'aria-label': `Select “${p.title}”` }) : null;
    box?.addEventListener('change', () => { (box.checked ? selected.add(p.id) : selected.delete(p.id)); updateCount(); });
    return h('tr', {},
      h('td', {}, box),
      h('td', {}, h('a', { href: `#/posts/${p.id}` }, p.title)),
      h('td', {}, p.author.username),
      h('td', {}, p.category ? p.category.name : '—'),
      h('td', { class: 'tags' }, p.tags.join(', ') || '—'),
      h('td', {}, p.published ? badge('published', 'ok') : badge('draft', 'muted')),
      h('td', {}, when(p.updated_at)));
  });
  Object.assign(shown, { total: page.total, exact: page.total_exact, q: state.q, filter: bulkFilter(state), described: describe(state) });
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
    // A bulk update's filter has no search text: with one, only selected posts can be changed. An
    // admin's bulk update takes every post the filter matches; anyone else's only their own of
    // them, and none of another author's (the server refuses that filter).
    const others = !session.isAdmin() && shown.filter.author_id !== undefined && shown.filter.author_id !== session.user()?.id;
    byFilter.disabled = shown.q !== '' || others;
    if (byFilter.disabled) document.getElementById('target-selected').checked = true;
    matching.textContent = shown.q !== '' ? 'Every post matching the filters (not with a search: clear it, or select posts)'
      : others ? 'Every post matching the filters (only your own can be changed)'
        : session.isAdmin() ? `All ${shown.exact ? '' : 'about '}${shown.total} posts matching the filters`
          : 'All of your posts matching the filters';
  }
  const apply = document.getElementById('bulk-apply');
  if (apply) apply.disabled = !byFilter?.checked && selected.size === 0;
}

/** A list's filters (`of`: the list's state) as a bulk update's filter, its search text aside. */
function bulkFilter(of) {
  const f = {};
  if (of.category_id) f.category_id = Number(of.category_id);
  if (of.tag) f.tag = of.tag;
  if (of.author_id) f.author_id = Number(of.author_id);
  if (of.published) f.published = of.published === 'true';
  return f;
}

/** A list's filters in words, for the confirmation of a bulk update by filter. */
function describe(of) {
  const words = [];
  if (of.category_id) words.push(`in “${categoryNames.get(of.category_id) ?? of.category_id}”`);
  if (of.tag) words.push(`tagged “${of.tag}”`);
  if (of.author) words.push(`by ${of.author}`);
  if (of.published) words.push(of.published === 'true' ? 'published' : 'drafts');
  return words.length ? words.join(', ') : 'every post, no filter';
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
    const target = byFilter.checked ? { filter: shown.filter } : { ids: [...selected] };
    if (byFilter.checked && !(await confirmDialog(`${document.getElementById('matching-count').textContent} (${shown.described}):`
      + ' change them all?', 'Change them all'))) return;
    try {
      const job = (await api('POST', '/api/posts/bulk-update', { body: { request_id: requestId(), ...target, set } })).body;
      progress.hidden = false;
      await track(job.job_id, bar, label, status);
      // Only what was sent leaves the selection (more may have been chosen meanwhile); a page
      // left while the job ran is not drawn again.
      (target.ids ?? []).forEach(i => selected.delete(i));
      updateCount();
      if (form.isConnected) await reload();
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
