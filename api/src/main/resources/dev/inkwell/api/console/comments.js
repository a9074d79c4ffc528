// A post's comments, for its author and admins: the threads in the API's order (each comment
// followed by its replies), with hide or show and delete. Hidden ones stay listed (the API shows
// them to the post's author and admins) so that they can be shown again.
import { api } from './api.js';
import { h, badge, when, confirmDialog, notice, showProblem } from './ui.js';

const PER_PAGE = 50;

/** The comments section of post `post`'s editor; it loads itself, and calls `changed` after each change it makes. */
export function commentsPanel(post, changed = async () => {}) {
  const list = h('ol', { class: 'comments', id: 'comments' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'more-comments', hidden: true }, 'More comments');
  const count = h('p', { id: 'comment-count', class: 'hint' });
  const panel = h('section', { class: 'card', 'aria-labelledby': 'comments-heading' },
    h('h2', { id: 'comments-heading' }, 'Comments'),
    h('div', { class: 'alert', role: 'alert' }), count, list, more);
  let cursor = null;
  let loads = 0;

  /** Lists the comments from the start (`reset`) or the next page; only the latest of overlapping loads is shown. */
  async function load(reset) {
    const run = ++loads;
    more.disabled = true;
    try {
      const after = reset || !cursor ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = (await api('GET', `/api/posts/${post.id}/comments?per_page=${PER_PAGE}${after}`)).body;
      if (run !== loads) return;
      panel.querySelector('.alert').textContent = '';
      if (reset) list.replaceChildren();
      list.append(...page.items.map(item));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      count.textContent = page.total === 0 ? 'No comments yet.'
        : `${page.total_exact ? '' : 'About '}${page.total} comment${page.total === 1 ? '' : 's'}, hidden ones included.`;
    } catch (err) {
      showProblem(panel, err);
    } finally {
      more.disabled = false;
    }
  }

  function item(c) {
    const who = c.author.username;
    // Names that tell one comment's buttons from another's by the same author.
    const which = `the comment by ${who}, “${c.body.length > 40 ? `${c.body.slice(0, 40)}…` : c.body}”`;
    const hide = h('button', { type: 'button', class: 'secondary', 'aria-label': `${c.hidden ? 'Show' : 'Hide'} ${which}` },
      c.hidden ? 'Show' : 'Hide');
    hide.addEventListener('click', () => act(async () => {
      await api('PATCH', `/api/posts/${post.id}/comments/${c.id}`, { body: { hidden: !c.hidden } });
      notice(`The comment by ${who} is ${c.hidden ? 'shown again' : 'hidden'}.`);
    }));
    const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${which}` }, 'Delete');
    remove.addEventListener('click', async () => {
      if (!(await confirmDialog(`Delete the comment by ${who} and every reply to it?`, 'Delete comment'))) return;
      await act(async () => {
        await api('DELETE', `/api/posts/${post.id}/comments/${c.id}`);
        notice(`The comment by ${who} is deleted.`);
      });
    });
    return h('li', { class: `comment depth-${Math.min(c.depth, 5)}${c.hidden ? ' hidden-comment' : ''}`, dataset: { comment: String(c.id) } },
      h('p', { class: 'comment-head' }, c.depth > 0 ? h('span', { class: 'visually-hidden' }, `Reply, level ${c.depth + 1}: `) : null,
        h('strong', {}, who), ` · ${when(c.created_at)} `, c.hidden ? badge('hidden', 'warn') : null),
      h('p', { class: 'comment-body' }, c.body),
      h('div', { class: 'actions' }, hide, remove));
  }

  /** Runs a change, then lists the comments again from the start (a delete takes replies with it). */
  async function act(change) {
    try {
      await change();
      await load(true);
      await changed();
    } catch (err) {
      showProblem(panel, err);
    }
  }

  more.addEventListener('click', () => load(false));
  load(true);
  return panel;
}
