// Hand-made SVG charts. Each is an image with a text alternative that states its values, and
// a caption; colours come from the stylesheet (classes), sizes from attributes (the CSP forbids
// inline styles).
import { h } from './ui.js';

/**
 * Horizontal bars: [{label, value, text}] scaled to the largest value. `text` is what is written
 * beside the bar (defaults to the value).
 */
export function barChart(title, rows, describe = r => `${r.label}: ${r.text ?? r.value}`) {
  const width = 360; const rowH = 24; const labelW = 120;
  const max = Math.max(1, ...rows.map(r => r.value));
  // Room for the longest text beside a bar (about 7 units a character at 12px).
  const track = width - labelW - 6 - Math.max(30, ...rows.map(r => String(r.text ?? r.value).length * 7));
  const svg = h('svg', { class: 'chart', viewBox: `0 0 ${width} ${Math.max(rowH, rows.length * rowH)}`, role: 'img',
    'aria-label': `${title}: ${rows.map(describe).join(', ') || 'none'}` });
  rows.forEach((r, i) => {
    const y = i * rowH;
    const w = Math.max(1, Math.round(track * r.value / max));
    svg.append(h('text', { x: 0, y: y + 16 }, truncate(r.label, 18)),
      h('rect', { class: 'track', x: labelW, y: y + 4, width: track, height: 16, rx: 2 }),
      h('rect', { class: 'bar', x: labelW, y: y + 4, width: w, height: 16, rx: 2 }),
      h('text', { x: labelW + w + 6, y: y + 16 }, String(r.text ?? r.value)));
  });
  return figure(title, svg);
}

/** Vertical columns, one a label (e.g. days), with the values above. */
export function columnChart(title, rows) {
  const width = 360; const height = 170; const base = 140; const top = 20;
  const max = Math.max(1, ...rows.map(r => r.value));
  const slot = width / Math.max(1, rows.length);
  const svg = h('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${title}: ${rows.map(r => `${r.label}: ${r.value}`).join(', ')}` });
  svg.append(h('line', { class: 'axis', x1: 0, y1: base, x2: width, y2: base }));
  rows.forEach((r, i) => {
    const barH = Math.round((base - top) * r.value / max);
    const x = i * slot + slot * 0.2;
    svg.append(h('rect', { class: 'bar', x, y: base - barH, width: slot * 0.6, height: Math.max(barH, 0) }),
      h('text', { x: x + slot * 0.3, y: base - barH - 4, 'text-anchor': 'middle' }, String(r.value)),
      h('text', { x: x + slot * 0.3, y: base + 16, 'text-anchor': 'middle' }, r.label));
  });
  return figure(title, svg);
}

/** A ring gauge for a ratio 0..1 (null: unknown), the percentage in its middle. */
export function ringGauge(title, ratio, note) {
  const r = 50; const c = 2 * Math.PI * r;
  const known = ratio !== null && ratio !== undefined;
  const pct = known ? Math.round(ratio * 1000) / 10 : null;
  const svg = h('svg', { class: 'chart', viewBox: '0 0 160 140', role: 'img',
    'aria-label': `${title}: ${known ? `${pct}%` : 'no reads yet'}${note ? `, ${note}` : ''}` });
  svg.append(h('circle', { class: 'gauge-off', cx: 80, cy: 65, r, 'stroke-width': 16 }));
  if (known) {
    svg.append(h('circle', { class: 'gauge-on', cx: 80, cy: 65, r, 'stroke-width': 16,
      'stroke-dasharray': `${c * ratio} ${c}`, transform: 'rotate(-90 80 65)' }));
  }
  svg.append(h('text', { class: 'big', x: 80, y: 73, 'text-anchor': 'middle' }, known ? `${pct}%` : '—'),
    h('text', { x: 80, y: 134, 'text-anchor': 'middle' }, note || ''));
  return figure(title, svg);
}

function figure(title, svg) {
  return h('figure', { class: 'card chart-card', dataset: { chart: title } }, h('figcaption', {}, title), svg);
}

function truncate(s, n) { return s.length > n ? `${s.slice(0, n - 1)}…` : s; }
