// Small DOM helpers: elements are built with properties and text nodes only (never parsed HTML),
// so nothing a user typed can run as markup.

/** An element: h('button', {type: 'button', onclick: f, class: 'x'}, 'text', child...). */
export function h(tag, attrs = {}, ...children) {
  const svg = ['svg', 'g', 'rect', 'text', 'line', 'circle', 'path', 'title'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && !svg) el.value = v;
    else if (!svg && k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let ids = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function uid(stem) { ids += 1; return `${stem}-${ids}`; }

/** A labelled field: {label, name, control (an element), hint}. The control gets an id and name. */
export function field(label, control, hint) {
  const id = control.id || uid(control.name || 'field');
  control.id = id;
  const wrap = h('div', { class: 'field', dataset: { field: control.name || '' } },
    h('label', { for: id }, label), control);
  if (hint) {
    const hintId = uid('hint');
    wrap.append(h('p', { class: 'hint', id: hintId }, hint));
    control.setAttribute('aria-describedby', hintId);
  }
  return wrap;
}

/** Replaces the main area's content and moves focus to its heading (screen readers hear it). */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.flat());
  const heading = main.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

/** A message for everyone (status region). */
export function notice(text) { document.getElementById('notice').textContent = text; }

/** Removes a form's earlier errors. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => {
    e.removeAttribute('aria-invalid');
    const hint = [...(e.getAttribute('aria-describedby') || '').split(' ')].filter(x => x && !x.startsWith('err-'));
    if (hint.length) e.setAttribute('aria-describedby', hint.join(' ')); else e.removeAttribute('aria-describedby');
  });
  const alert = form.querySelector('.alert');
  if (alert) alert.textContent = '';
}

/**
 * Shows a refusal: each of problem+json's errors next to the control named by its field (a
 * field like "tags[2]" goes to "tags"), the rest and the detail in the form's alert.
 */
export function showProblem(form, error) {
  clearErrors(form);
  const problem = error.problem || { detail: String(error.message || error) };
  const loose = [];
  for (const e of problem.errors || []) {
    const name = String(e.field || '').split(/[[.]/)[0];
    const control = name && form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!control) { loose.push(`${e.field}: ${e.message}`); continue; }
    const id = `err-${control.id}`;
    let p = document.getElementById(id);
    if (!p) {
      p = h('p', { class: 'field-error', id });
      control.closest('.field')?.append(p) ?? control.after(p);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    }
    p.textContent = [p.textContent, e.message].filter(Boolean).join('; ');
  }
  let alert = form.querySelector('.alert');
  if (!alert) { alert = h('div', { class: 'alert', role: 'alert' }); form.prepend(alert); }
  alert.textContent = [problem.detail || problem.title, ...loose].filter(Boolean).join(' — ');
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

/** Asks in the page's dialog; resolves true when confirmed. */
export function confirmDialog(text, yes = 'Confirm') {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-yes').textContent = yes;
  return new Promise(resolve => {
    const done = answer => { dialog.close(); resolve(answer); };
    document.getElementById('confirm-form').onsubmit = e => { e.preventDefault(); done(true); };
    document.getElementById('confirm-no').onclick = () => done(false);
    dialog.oncancel = () => resolve(false);
    dialog.showModal();
  });
}

/**
 * A list's pager: previous and next page, where the list stands (a status, read out when it
 * changes), and how many rows a page shows. `state` holds the list's page and per_page (changed
 * here); `reload` shows the page it names, with a new pager, and the focus goes to the new
 * pager's same control (or, where that is disabled now, to the page size).
 */
export function pager(page, state, reload, noun) {
  const prev = h('button', { type: 'button', class: 'secondary', dataset: { pager: 'prev' }, disabled: state.page <= 1 }, 'Previous page');
  const next = h('button', { type: 'button', class: 'secondary', dataset: { pager: 'next' },
    disabled: !page.next_cursor || state.page >= 10000 }, 'Next page');
  const size = h('select', { name: 'per_page', dataset: { pager: 'size' }, 'aria-label': `${noun} per page` },
    [20, 50, 100].map(n => h('option', { value: String(n), selected: n === state.per_page }, `${n} per page`)));
  const go = async (which, change) => {
    change();
    await reload();
    const same = document.querySelector(`[data-pager="${which}"]`);
    (same && !same.disabled ? same : document.querySelector('[data-pager="size"]'))?.focus();
  };
  prev.addEventListener('click', () => go('prev', () => { state.page -= 1; }));
  next.addEventListener('click', () => go('next', () => { state.page += 1; }));
  size.addEventListener('change', () => go('size', () => { state.per_page = Number(size.value); state.page = 1; }));
  return h('div', { class: 'pager' }, prev,
    h('span', { role: 'status' }, `Page ${page.page} of ${Math.max(page.pages, 1)} · ${page.total_exact ? '' : 'about '}${page.total} `
      + `${page.total === 1 ? noun.replace(/s$/, '') : noun}`), next, size);
}

export function badge(text, kind) { return h('span', { class: `badge ${kind}` }, text); }

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0; let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export function when(iso) { return iso ? new Date(iso).toLocaleString() : '—'; }
