// Inkwell Console: sign-in and -out, the navigation, and the routes (#/posts, #/users, ...).
import { api, ApiError, session, whenExpired } from './api.js';
import { h, field, show, notice, showProblem } from './ui.js';
import { postsPage, forgetPosts } from './posts.js';
import { editorPage } from './editor.js';
import { categoriesPage, tagsPage } from './taxonomy.js';
import { usersPage, importPage, forgetUsers } from './users.js';
import { operatorPage, stopRefreshing } from './operator.js';

const routes = [
  [/^#\/posts$/, () => postsPage()],
  [/^#\/posts\/new$/, () => editorPage(null)],
  [/^#\/posts\/(\d+)$/, m => editorPage(Number(m[1]))],
  [/^#\/categories$/, () => categoriesPage()],
  [/^#\/tags$/, () => tagsPage()],
  [/^#\/users$/, () => usersPage(), true],
  [/^#\/import$/, () => importPage(), true],
  [/^#\/operator$/, () => operatorPage(), true],
];

let signInMessage = '';

function signInPage() {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'stack card', novalidate: true },
    h('div', { class: 'alert', role: 'alert' }, signInMessage),
    field('Username', username), field('Password', password),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  signInMessage = '';
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const token = (await api('POST', '/api/tokens', { body: { username: username.value, password: password.value }, anonymous: true })).body;
      const me = (await api('GET', '/api/tokens/current', { headers: { Authorization: `Bearer ${token.token}` }, anonymous: true })).body;
      session.save(token.token, me);
      notice('');
      go('#/posts');
    } catch (err) {
      showProblem(form, err);
    }
  });
  show(h('section', { class: 'signin' }, h('h1', {}, 'Sign in to Inkwell'), form));
  username.focus();
}

function chrome() {
  const user = session.user();
  document.getElementById('nav').hidden = !user;
  document.getElementById('who').hidden = !user;
  document.getElementById('who-name').textContent = user ? `${user.username} (${user.role})` : '';
  document.querySelectorAll('#nav [data-role="admin"]').forEach(li => { li.hidden = !session.isAdmin(); });
  document.querySelectorAll('#nav a').forEach(a => {
    if (location.hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function route() {
  stopRefreshing();
  chrome();
  if (!session.token()) { signInPage(); return; }
  const hash = location.hash || '#/posts';
  for (const [pattern, page, adminOnly] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    if (adminOnly && !session.isAdmin()) {
      show(h('h1', {}, 'Not allowed'), h('p', {}, 'This page is for admins.'));
      return;
    }
    try {
      await page(m);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // already back at sign-in
      show(h('h1', {}, 'Something went wrong'), h('p', { class: 'alert', role: 'alert' }, err.message));
    }
    return;
  }
  location.hash = '#/posts';
}

/** Shows the page of `hash`: a changed hash routes through its hashchange event, an unchanged one here. */
function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

/** What a session leaves in the pages (filters, selections, searches) goes with it. */
function forgetPages() {
  forgetPosts();
  forgetUsers();
}

whenExpired(() => {
  stopRefreshing();
  forgetPages();
  signInMessage = 'Your session has expired. Please sign in again.';
  notice('');
  chrome();
  signInPage();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try { await api('DELETE', '/api/tokens/current'); } catch (e) { /* signed out either way */ }
  session.clear();
  forgetPages();
  signInMessage = '';
  notice('You are signed out.');
  go('#/posts');
});

// The skip link moves focus without touching the hash, which names the page.
document.querySelector('.skip').addEventListener('click', e => {
  e.preventDefault();
  document.getElementById('main').focus();
});

window.addEventListener('hashchange', route);
route();
