// One post: create or edit (title, content with a preview, category, tags, published or a time to
// publish it, its slug), with the If-Match conflict shown as "someone changed this post" beside the
// edit; delete with confirmation; its comments for the post's author and admins.
import { api, all, session } from './api.js';
import { h, field, show, showProblem, clearErrors, confirmDialog, notice, when } from './ui.js';
import { render } from './preview.js';
import { commentsPanel } from './comments.js';

/** An instant as a datetime-local input shows it: the browser's local time, to the minute. */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export async function editorPage(id) {
  const categories = await all('/api/categories', 500);
  let post = null;
  let etag = null;
  if (id !== null) {
    const answer = await api('GET', `/api/posts/${id}`);
    post = answer.body;
    etag = answer.headers.get('ETag');
  }
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: 200, value: post?.title ?? '' });
  const content = h('textarea', { name: 'content', maxlength: 100000, value: post?.content ?? '' });
  const category = h('select', { name: 'category_id' }, h('option', { value: '' }, 'No category'),
    categories.map(c => h('option', { value: String(c.id), selected: post?.category?.id === c.id }, c.name)));
  const tags = h('input', { type: 'text', name: 'tags', value: (post?.tags ?? []).join(', ') });
  const published = h('input', { type: 'checkbox', name: 'published', checked: post?.published ?? false });
  const publishAt = h('input', { type: 'datetime-local', name: 'publish_at', value: localInput(post?.publish_at) });
  const slug = h('input', { type: 'text', name: 'slug', maxlength: 100, value: post?.slug ?? '', disabled: id === null });
  // A post is either published now or scheduled: choosing one clears the other.
  published.addEventListener('change', () => { if (published.checked) publishAt.value = ''; });
  publishAt.addEventListener('input', () => { if (publishAt.value) published.checked = false; });
  const preview = h('div', { class: 'preview', id: 'preview', role: 'region' });
  const refresh = () => preview.replaceChildren(...render(content.value));
  content.addEventListener('input', refresh);
  refresh();
  const conflict = h('div', { id: 'conflict' });
  const about = h('p', { class: 'hint', id: 'post-about' });
  const describe = p => {
    about.textContent = `By ${p.author.username} · version ${p.version} · ${p.comment_count} comment${p.comment_count === 1 ? '' : 's'}`
      + ' shown to readers';
  };
  const save = h('button', { type: 'submit', id: 'save' }, id === null ? 'Create post' : 'Save changes');
  const form = h('form', { class: 'stack card', novalidate: true },
    h('div', { class: 'alert', role: 'alert' }),
    field('Title', title),
    h('div', { class: 'grid2' },
      field('Content', content, 'Blank lines separate paragraphs; lines starting with # are headings, with - list items.'),
      h('div', {}, h('h2', { id: 'preview-heading' }, 'Preview'), preview)),
    h('div', { class: 'grid2' }, field('Category', category), field('Tags', tags, 'Separate tags with commas (at most 20).')),
    h('div', { class: 'grid2' },
      h('div', { class: 'field', dataset: { field: 'published' } }, h('label', { class: 'inline' }, published, 'Published now')),
      field(`Publish at (${Intl.DateTimeFormat().resolvedOptions().timeZone} time)`, publishAt,
        'The server publishes the post then; until then it is a draft, off the site. Leave empty to publish by hand.')),
    field('Slug', slug, id === null ? 'Made from the title when the post is created.'
      : 'Lower-case words joined by hyphens; links to the old slug are redirected to the new one.'),
    conflict,
    h('div', { class: 'actions' }, save, id === null ? null : h('button', { type: 'button', class: 'danger', id: 'delete', onclick: remove }, 'Delete post')));
  preview.setAttribute('aria-labelledby', 'preview-heading');

  /**
   * The fields to send. A new post: everything the form shows. A post being edited: its text,
   * category and tags as shown, and only what changed of the rest: the slug, and whether it is
   * published or when (sent together, as "published": false alone would cancel a schedule; an
   * unchanged schedule is not sent again, as a time rounded to the minute, or one passed while the
   * worker gets to it, would be refused as not in the future).
   */
  const body = () => {
    const b = {
      title: title.value, content: content.value,
      category_id: category.value ? Number(category.value) : null,
      tags: tags.value.split(',').map(t => t.trim()).filter(Boolean),
    };
    const at = publishAt.value ? new Date(publishAt.value).toISOString() : null;
    if (id === null) {
      b.published = published.checked;
      if (at) b.publish_at = at;
      return b;
    }
    if (published.checked !== post.published || publishAt.value !== localInput(post.publish_at)) {
      b.published = published.checked;
      if (!published.checked && (at || post.publish_at)) b.publish_at = at;
    }
    if (slug.value.trim() !== post.slug) b.slug = slug.value.trim();
    return b;
  };

  async function send(ifMatch) {
    clearErrors(form);
    if (publishAt.validity.badInput) {
      showProblem(form, { problem: { detail: 'Nothing was saved.', errors: [{ field: 'publish_at', message: 'is not a whole date and time' }] } });
      return;
    }
    try {
      if (id === null) {
        const created = (await api('POST', '/api/posts', { body: body() })).body;
        notice(`Post “${created.title}” created.`);
        location.hash = `#/posts/${created.id}`;
        return;
      }
      const answer = await api('PATCH', `/api/posts/${id}`, { body: body(), headers: { 'If-Match': ifMatch } });
      etag = answer.headers.get('ETag');
      post = answer.body;
      slug.value = post.slug;
      publishAt.value = localInput(post.publish_at);
      describe(post);
      conflict.replaceChildren();
      notice(`Saved (version ${post.version}).`);
    } catch (err) {
      if (err.status === 412) await showConflict();
      else showProblem(form, err);
    }
  }

  /** Someone saved the post since it was loaded: show both, and let the editor choose. */
  async function showConflict() {
    const answer = await api('GET', `/api/posts/${id}`);
    const theirs = answer.body;
    const theirTag = answer.headers.get('ETag');
    const mine = { ...body(), published: published.checked, publish_at: publishAt.value ? new Date(publishAt.value).toISOString() : null };
    const side = (heading, p) => h('div', {}, h('h3', {}, heading),
      h('p', {}, h('strong', {}, 'Title: '), p.title),
      h('p', {}, h('strong', {}, 'Tags: '), (p.tags || []).join(', ') || '—'),
      h('p', {}, h('strong', {}, 'Published: '), p.published ? 'yes' : p.publish_at ? `at ${when(p.publish_at)}` : 'no'),
      h('pre', { tabindex: 0 }, p.content));
    const keepMine = h('button', { type: 'button', id: 'keep-mine' }, 'Save mine over theirs');
    const takeTheirs = h('button', { type: 'button', class: 'secondary', id: 'take-theirs' }, 'Discard mine, load theirs');
    keepMine.addEventListener('click', () => send(theirTag));
    takeTheirs.addEventListener('click', () => {
      title.value = theirs.title; content.value = theirs.content; tags.value = theirs.tags.join(', ');
      category.value = theirs.category ? String(theirs.category.id) : ''; published.checked = theirs.published;
      publishAt.value = localInput(theirs.publish_at); slug.value = theirs.slug;
      etag = theirTag; post = theirs; refresh(); describe(theirs); conflict.replaceChildren();
      notice(`Loaded their version (version ${theirs.version}).`);
    });
    conflict.replaceChildren(h('section', { class: 'card conflict', role: 'alert', 'aria-labelledby': 'conflict-heading' },
      h('h2', { id: 'conflict-heading' }, 'Someone changed this post'),
      h('p', {}, `${theirs.author.username}'s post was saved by someone else (now version ${theirs.version}) after you opened it. Nothing of yours was saved. Compare both and choose.`),
      h('div', { class: 'grid2' }, side(`Theirs (version ${theirs.version})`, theirs), side('Yours (not saved)', mine)),
      h('div', { class: 'actions' }, keepMine, takeTheirs)));
    keepMine.focus();
  }

  async function remove() {
    if (!(await confirmDialog(`Delete the post “${post.title}”? This cannot be undone.`, 'Delete post'))) return;
    try {
      await api('DELETE', `/api/posts/${id}`);
      notice(`Post “${post.title}” deleted.`);
      location.hash = '#/posts';
    } catch (err) {
      showProblem(form, err);
    }
  }

  /** A moderated comment changes what readers are shown, not the post's version: only the count is read again. */
  async function recount() {
    const fresh = (await api('GET', `/api/posts/${id}`)).body;
    describe({ ...post, comment_count: fresh.comment_count });
  }

  form.addEventListener('submit', e => { e.preventDefault(); send(etag); });
  if (post) describe(post);
  show(h('p', {}, h('a', { href: '#/posts' }, '← All posts')),
    h('h1', {}, id === null ? 'New post' : `Edit “${post.title}”`),
    post ? about : null,
    form,
    post && (session.isAdmin() || session.user()?.id === post.author.id) ? commentsPanel(post, recount) : null);
}
