import type { Random } from './random';
import * as W from './words';

/** Fills {name}, {grade}, {block}, {topic} and {n} in a template. */
export function fill(r: Random, template: string, name: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (key === 'name') return name;
    if (key === 'grade') return r.pick(W.GRADES);
    if (key === 'block') return r.pick(W.BLOCKS);
    if (key === 'topic') return r.pick(W.TOPICS);
    if (key === 'n') return String(r.int(3, 9));
    return key;
  });
}

/**
 * A coaching note of realistic length (a few hundred to about 1,500 characters): what was seen,
 * what the leader did, sometimes a short list of next moves, and a reflection. Markdown, as typed.
 */
export function noteBody(r: Random, firstName: string): string {
  const parts = [fill(r, r.pick(W.OPENERS), firstName)];
  const sentences = r.int(2, 7);
  for (let i = 0; i < sentences; i++) {
    parts.push(fill(r, r.chance(0.6) ? r.pick(W.OBSERVATIONS) : r.pick(W.LEADER_MOVES), firstName));
  }
  let body = parts.join(' ');
  if (r.chance(0.35)) {
    const items = Array.from({ length: r.int(2, 3) }, () => `- ${fill(r, r.pick(W.NEXT_STEPS), firstName)}`);
    body += `\n\n**Next moves**\n${items.join('\n')}`;
  }
  if (r.chance(0.6)) body += `\n\n${r.pick(W.REFLECTIONS)}`;
  return body;
}

export const personName = (r: Random): { first: string; full: string } => {
  const first = r.pick(W.FIRST_NAMES);
  return { first, full: `${first} ${r.pick(W.LAST_NAMES)}` };
};
