// The content preview: paragraphs, "#" headings and "-" lists as DOM nodes (text only, no markup
// from the content is ever interpreted).
import { h } from './ui.js';

export function render(text) {
  const nodes = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter(l => l.trim());
    if (!lines.length) continue;
    const heading = lines[0].match(/^(#{1,3})\s+(.*)$/);
    if (heading && lines.length === 1) {
      nodes.push(h(`h${heading[1].length + 2}`, {}, heading[2]));
    } else if (lines.every(l => /^\s*[-*]\s+/.test(l))) {
      nodes.push(h('ul', {}, lines.map(l => h('li', {}, l.replace(/^\s*[-*]\s+/, '')))));
    } else {
      const p = h('p');
      lines.forEach((l, i) => { if (i) p.append(h('br')); p.append(l); });
      nodes.push(p);
    }
  }
  return nodes.length ? nodes : [h('p', { class: 'hint' }, 'Nothing to preview yet.')];
}
