// Categories as a tree (create, rename, move, delete) and tags (rename, merge by renaming, delete).
import { api, all, requestId } from './api.js';
import { h, field, show, showProblem, clearErrors, confirmDialog, notice } from './ui.js';
import { follow } from './jobs.js';

export async function categoriesPage() {
  const categories = await all('/api/categories', 2000);
  const byParent = new Map();
  categories.forEach(c => {
    const key = c.parent_id ?? 0;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(c);
  });
  const parents = (except) => [h('option', { value: '' }, '(top level)'),
    ...categories.filter(c => c.id !== except).map(c => h('option', { value: String(c.id) }, c.name))];

  const editName = h('input', { type: 'text', name: 'name', maxlength: 100 });
  const editParent = h('select', { name: 'parent_id' });
  let editing = null;
  const editForm = h('form', { class: 'card stack', hidden: true, 'aria-labelledby': 'edit-heading' },
    h('h2', { id: 'edit-heading' }, 'Change category'), h('div', { class: 'alert', role: 'alert' }),
    field('Name', editName), field('Parent', editParent),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save category'),
      h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete category'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { editForm.hidden = true; } }, 'Cancel')));
  function edit(c) {
    editing = c;
    clearErrors(editForm);
    editName.value = c.name;
    editParent.replaceChildren(...parents(c.id));
    editParent.value = c.parent_id ? String(c.parent_id) : '';
    editForm.hidden = false;
    editName.focus();
  }
  editForm.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('PATCH', `/api/categories/${editing.id}`, { body: { name: editName.value, parent_id: editParent.value ? Number(editParent.value) : null } });
      notice(`Category “${editName.value}” saved.`);
      await categoriesPage();
    } catch (err) { showProblem(editForm, err); }
  });
  async function remove() {
    if (!(await confirmDialog(`Delete the category “${editing.name}”?`, 'Delete category'))) return;
    try {
      await api('DELETE', `/api/categories/${editing.id}`);
      notice(`Category “${editing.name}” deleted.`);
      await categoriesPage();
    } catch (err) { showProblem(editForm, err); }
  }

  const tree = (parentId) => {
    const children = byParent.get(parentId) || [];
    if (!children.length) return null;
    return h('ul', { class: parentId === 0 ? 'tree' : null }, children.map(c => h('li', {},
      h('div', { class: 'node' }, h('span', {}, c.name),
        h('button', { type: 'button', class: 'link', 'aria-label': `Change ${c.name}`, onclick: () => edit(c) }, 'Change')),
      tree(c.id))));
  };

  const newName = h('input', { type: 'text', name: 'name', maxlength: 100, required: true });
  const newParent = h('select', { name: 'parent_id' }, ...parents(null));
  const create = h('form', { class: 'card stack', 'aria-labelledby': 'new-heading' },
    h('h2', { id: 'new-heading' }, 'New category'), h('div', { class: 'alert', role: 'alert' }),
    h('div', { class: 'grid2' }, field('Name', newName), field('Parent', newParent)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create category')));
  create.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('POST', '/api/categories', { body: { name: newName.value, parent_id: newParent.value ? Number(newParent.value) : null } });
      notice(`Category “${newName.value}” created.`);
      await categoriesPage();
    } catch (err) { showProblem(create, err); }
  });
  show(h('h1', {}, 'Categories'), create, editForm,
    h('section', { class: 'card', 'aria-labelledby': 'tree-heading' }, h('h2', { id: 'tree-heading' }, 'All categories'),
      tree(0) || h('p', {}, 'No categories yet.')));
}

export async function tagsPage() {
  const tags = await all('/api/tags', 2000);
  const name = h('input', { type: 'text', name: 'name', maxlength: 50 });
  let editing = null;
  const status = h('p', { role: 'status' });
  const form = h('form', { class: 'card stack', hidden: true, 'aria-labelledby': 'tag-heading' },
    h('h2', { id: 'tag-heading' }, 'Rename tag'), h('div', { class: 'alert', role: 'alert' }),
    field('New name', name, 'Renaming to the name of another tag merges this tag into it.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Rename tag'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { form.hidden = true; } }, 'Cancel')), status);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const target = name.value.trim();
    const existing = tags.find(t => t.id !== editing.id && t.name.toLowerCase() === target.toLowerCase());
    try {
      if (existing) await merge(editing, existing);
      else await api('PATCH', `/api/tags/${editing.id}`, { body: { name: target } });
      notice(existing ? `Tag “${editing.name}” merged into “${existing.name}”.` : `Tag renamed to “${target}”.`);
      await tagsPage();
    } catch (err) { showProblem(form, err); }
  });
  /** Moves every post from one tag to the other with a bulk update, then deletes the emptied tag. */
  async function merge(from, into) {
    if (!(await confirmDialog(`A tag “${into.name}” exists. Merge “${from.name}” into it?`, 'Merge tags'))) throw new Error('Not merged.');
    const job = (await api('POST', '/api/posts/bulk-update', { body: {
      request_id: requestId(), filter: { tag: from.name }, set: { add_tags: [into.name], remove_tags: [from.name] } } })).body;
    const done = await follow(job.job_id, j => { status.textContent = `Moving posts: ${j.progress}%`; });
    if (done.state !== 'succeeded') throw new Error(`The merge ${done.state}: ${done.error || ''}`);
    await api('DELETE', `/api/tags/${from.id}`);
  }
  async function remove(t) {
    if (!(await confirmDialog(`Delete the tag “${t.name}”? Posts lose it.`, 'Delete tag'))) return;
    try {
      await api('DELETE', `/api/tags/${t.id}`);
      notice(`Tag “${t.name}” deleted.`);
      await tagsPage();
    } catch (err) { showProblem(form, err); }
  }
  const rows = tags.map(t => h('tr', {}, h('td', {}, t.name), h('td', {}, h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', 'aria-label': `Rename ${t.name}`,
      onclick: () => { editing = t; clearErrors(form); name.value = t.name; form.hidden = false; name.focus(); } }, 'Rename'),
    h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${t.name}`, onclick: () => remove(t) }, 'Delete')))));
  show(h('h1', {}, 'Tags'), form, h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Tags'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Tag'), h('th', { scope: 'col' }, 'Actions'))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 2 }, 'No tags yet.'))))));
}
