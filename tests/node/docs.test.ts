import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** README and docs/ link to each other, to images and to code: every such link must lead somewhere. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

function linksOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/i.test(href));
}

describe('README and docs', () => {
  it('keep the README a front door: what Fieldbook is, the two commands, and where to read more', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme.length).toBeLessThan(20_000);
    for (const must of ['npm ci', 'npm start', 'npm test', 'Where your data lives', 'docs/user-guide.md']) expect(readme).toContain(must);
  });

  it.each(pages)('%s: every relative link and anchor leads somewhere', (page) => {
    const broken: string[] = [];
    for (const href of linksOf(page)) {
      const [target, anchor] = href.split('#');
      const file = target ? path.normalize(path.join(path.dirname(page), decodeURIComponent(target))) : page;
      if (!fs.existsSync(path.join(ROOT, file))) broken.push(`${href} (no file ${file})`);
      else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) broken.push(`${href} (no heading #${anchor} in ${file})`);
    }
    expect(broken).toEqual([]);
  });
});
